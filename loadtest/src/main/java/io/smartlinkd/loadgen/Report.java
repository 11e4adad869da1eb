package io.smartlinkd.loadgen;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * The outcome of one run, measured window only (the warm-up is not counted). Latencies are in microseconds in
 * {@link #latencyUs()} and printed in milliseconds; every figure counts from the intended start time.
 *
 * @param started     requests sent (their intended time fell in the measured window)
 * @param responses   complete responses, any status
 * @param lateStarts  requests the generator itself sent more than 1 ms after they were due while their connection
 *                    was free: a generator that cannot keep up shows here, not in the server's latency
 * @param unsent      requests that fell due but were never sent because their connection was still busy at the end
 * @param warmupSkipped warm-up requests still unsent when the measured schedule began (dropped, not measured)
 * @param slugHits    requests per slug rank, or null when not counted
 * @param undrained   connections still busy when the report was taken (their counters may be incomplete)
 */
public record Report(
    double intendedRps,
    double achievedRps,
    double durationS,
    double warmupS,
    int connections,
    int threads,
    String transport,
    boolean churn,
    long started,
    long responses,
    long status2xx3xx,
    long status4xx,
    long status5xx,
    long errConnect,
    long errTimeout,
    long errIo,
    long errOther,
    long lateStarts,
    long unsent,
    long warmupSkipped,
    Histogram latencyUs,
    long[] slugHits,
    long undrained) {

    public double percentileMs(double percentile) {
        return latencyUs.getValueAtPercentile(percentile) / 1000.0;
    }

    public double maxMs() {
        return latencyUs.getMaxValue() / 1000.0;
    }

    /** The human summary, several lines. */
    public String summary() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT,
            "open loop: %.1f req/s intended, %.1f achieved; %.1f s measured after %.1f s warm-up; %d connection(s)%s,"
                + " %d thread(s), %s%n",
            intendedRps, achievedRps, durationS, warmupS, connections, churn ? " (churn: one per request)" : "",
            threads, transport));
        sb.append(String.format(Locale.ROOT, "requests %d, responses %d (2xx/3xx %d, 4xx %d, 5xx %d)%n",
            started, responses, status2xx3xx, status4xx, status5xx));
        sb.append(String.format(Locale.ROOT,
            "latency ms from intended start: p50 %.3f  p90 %.3f  p99 %.3f  p99.9 %.3f  max %.3f%n",
            percentileMs(50), percentileMs(90), percentileMs(99), percentileMs(99.9), maxMs()));
        sb.append(String.format(Locale.ROOT,
            "errors: connect %d, timeout %d, read/io %d, status 4xx %d, status 5xx %d, other %d%n",
            errConnect, errTimeout, errIo, status4xx, status5xx, errOther));
        sb.append(String.format(Locale.ROOT,
            "generator: %d request(s) started > 1 ms late%s, %d unsent at the end (connection still busy), %d warm-up"
                + " request(s) dropped at the start of the measured schedule%s%n",
            lateStarts, lateStarts > 0 ? " (the generator's own lag)" : "", unsent, warmupSkipped,
            undrained > 0 ? ", " + undrained + " connection(s) not drained" : ""));
        return sb.toString();
    }

    /** One key=value line for scripts. */
    public String keyValues() {
        return String.format(Locale.ROOT,
            "openloop intended_rps=%.1f achieved_rps=%.1f duration_s=%.1f connections=%d churn=%b requests=%d"
                + " responses=%d p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f max_ms=%.3f err_connect=%d"
                + " err_timeout=%d err_io=%d err_4xx=%d err_5xx=%d err_other=%d late_starts=%d unsent=%d"
                + " warmup_skipped=%d",
            intendedRps, achievedRps, durationS, connections, churn, started, responses, percentileMs(50),
            percentileMs(90), percentileMs(99), percentileMs(99.9), maxMs(), errConnect, errTimeout, errIo,
            status4xx, status5xx, errOther, lateStarts, unsent, warmupSkipped);
    }

    /** Sums the lanes' counters; used by {@link LoadRun} once the lanes have drained. */
    static final class Builder {
        private final double intendedRps;
        private final long durationNs;
        private final long warmupNs;
        private final int connections;
        private final int threads;
        private final String transport;
        private final boolean churn;
        private final Histogram latencyUs;
        private final long[] slugHits;
        private long started;
        private long responses;
        private long s23;
        private long s4;
        private long s5;
        private long connect;
        private long timeout;
        private long io;
        private long other;
        private long late;
        private long unsent;
        private long warmupSkipped;

        Builder(double intendedRps, long durationNs, long warmupNs, int connections, int threads, String transport,
                boolean churn, Histogram latencyUs, long[] slugHits) {
            this.intendedRps = intendedRps;
            this.durationNs = durationNs;
            this.warmupNs = warmupNs;
            this.connections = connections;
            this.threads = threads;
            this.transport = transport;
            this.churn = churn;
            this.latencyUs = latencyUs;
            this.slugHits = slugHits;
        }

        void add(Lane lane) {
            started += lane.started;
            responses += lane.responses;
            s23 += lane.status2xx3xx;
            s4 += lane.status4xx;
            s5 += lane.status5xx;
            connect += lane.errConnect;
            timeout += lane.errTimeout;
            io += lane.errIo;
            other += lane.errOther;
            late += lane.lateStarts;
            unsent += lane.unsent;
            warmupSkipped += lane.warmupSkipped;
            if (slugHits != null && lane.slugHits != null) {
                for (int rank = 0; rank < lane.slugHits.length; rank++) {
                    slugHits[rank] += lane.slugHits[rank];
                }
            }
        }

        Report build(long undrained) {
            double seconds = durationNs / 1e9;
            return new Report(intendedRps, responses / seconds, seconds, warmupNs / 1e9, connections, threads,
                transport, churn, started, responses, s23, s4, s5, connect, timeout, io, other, late, unsent,
                warmupSkipped, latencyUs, slugHits, undrained);
        }
    }
}

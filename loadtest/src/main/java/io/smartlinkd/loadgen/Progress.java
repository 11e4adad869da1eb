package io.smartlinkd.loadgen;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Progress lines while a run goes, so that a long run shows a server falling behind (or a generator lagging) as it
 * happens rather than only in the final report. Every interval one line: time since the schedule started, the phase
 * (warm-up or measure), the rate of responses in the interval, the interval's p50/p99/max latency from the intended
 * start, and the errors so far (failed requests and 4xx/5xx, warm-up included).
 *
 * <p>Threading: lanes call {@link #record} and {@link #error} from their event loops (the Recorder and the adder take
 * many writers); one thread, the run's, calls {@link #start} and {@link #tick}. When off, {@link #record} and
 * {@link #error} do nothing and {@link #dueNs} is never.
 */
final class Progress {
    private final long intervalNs;
    private final PrintStream out;
    private final Recorder recorder;
    private final LongAdder errors = new LongAdder();
    private Histogram interval;
    private long t0Ns;
    private long measureFromNs;
    private long endNs;
    private long lastNs;
    private long dueNs = Long.MAX_VALUE;

    /** @param intervalNs 0 = off */
    Progress(long intervalNs, PrintStream out) {
        this.intervalNs = intervalNs;
        this.out = out;
        this.recorder = intervalNs > 0 ? new Recorder(3) : null;
    }

    void record(long latencyUs) {
        if (recorder != null) {
            recorder.recordValue(latencyUs);
        }
    }

    void error() {
        if (recorder != null) {
            errors.increment();
        }
    }

    /** The schedule starts at {@code t0Ns}; lines follow every interval until {@code endNs}. */
    void start(long t0Ns, long measureFromNs, long endNs) {
        if (recorder == null) {
            return;
        }
        this.t0Ns = t0Ns;
        this.measureFromNs = measureFromNs;
        this.endNs = endNs;
        this.lastNs = t0Ns;
        this.dueNs = t0Ns + intervalNs;
        recorder.reset();
    }

    /** When the next line is due ({@link Long#MAX_VALUE} = never). */
    long dueNs() {
        return dueNs;
    }

    /** Prints the line if one is due. */
    void tick(long nowNs) {
        if (nowNs < dueNs) {
            return;
        }
        interval = recorder.getIntervalHistogram(interval);
        double seconds = (nowNs - lastNs) / 1e9;
        out.printf(Locale.ROOT,
            "progress elapsed_s=%.1f phase=%s rps=%.0f p50_ms=%.3f p99_ms=%.3f max_ms=%.3f errors=%d%n",
            (nowNs - t0Ns) / 1e9, lastNs < measureFromNs ? "warmup" : "measure", interval.getTotalCount() / seconds,
            interval.getValueAtPercentile(50) / 1000.0, interval.getValueAtPercentile(99) / 1000.0,
            interval.getMaxValue() / 1000.0, errors.sum());
        out.flush();
        lastNs = nowNs;
        while (dueNs <= nowNs) { // a late wake-up skips the lines it missed instead of printing a burst of them
            dueNs += intervalNs;
        }
        if (dueNs > endNs) {
            dueNs = Long.MAX_VALUE; // a last partial interval while the lanes drain would show a misleading rate
        }
    }
}

package io.smartlinkd.loadgen;

import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * An open-loop HTTP/1.1 load generator: requests start at a fixed rate whatever the response times, and latency is
 * measured from each request's intended start, so a stalled server shows its full cost (no coordinated omission).
 *
 * <pre>
 * java -cp loadtest/target/benchmarks.jar io.smartlinkd.loadgen.OpenLoop \
 *     --url http://127.0.0.1:8080/ --slugs slugs.tsv --rate 20000 --duration 30s --connections 64
 * </pre>
 */
@Command(name = "openloop", mixinStandardHelpOptions = true, sortOptions = false,
    description = "Open-loop HTTP load generator, latency corrected for coordinated omission.")
public final class OpenLoop implements Callable<Integer> {

    @Option(names = "--url", required = true, description = "Base URL, e.g. http://127.0.0.1:8080/ (http only).")
    URI url;

    @Option(names = "--slugs", required = true,
        description = "TSV file, first column the slug (its order is the Zipf popularity order).")
    Path slugs;

    @Option(names = "--rate", required = true, converter = RateConverter.class,
        description = "Requests per second, e.g. 5000 or 5000/s.")
    double rate;

    @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
        description = "Measured time (default ${DEFAULT-VALUE}): 500ms, 30s, 2m.")
    long durationNs;

    @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
        description = "Time at the same rate before measuring (default ${DEFAULT-VALUE}).")
    long warmupNs;

    @Option(names = "--connections", defaultValue = "16",
        description = "Connections, each with at most one request in flight (default ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--threads", defaultValue = "1", description = "Event loop threads (default ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--churn", description = "Connection: close, a new connection per request.")
    boolean churn;

    @Option(names = "--timeout", defaultValue = "5s", converter = DurationConverter.class,
        description = "Connect and response timeout per request (default ${DEFAULT-VALUE}).")
    long timeoutNs;

    @Option(names = "--zipf", defaultValue = "1.0",
        description = "Zipf exponent over the slugs; 0 = uniform (default ${DEFAULT-VALUE}).")
    double zipf;

    @Option(names = "--user-agents", description = "TSV 'weight<TAB>user agent'; absent = one browser UA.")
    Path userAgents;

    @Option(names = "--languages", description = "Accept-Language values, one per line; absent = no such header.")
    Path languages;

    @Option(names = "--xff", description = "The visitor's public IPv4 address in X-Forwarded-For.")
    boolean xff;

    @Option(names = "--visitors", defaultValue = "0",
        description = "Returning visitors: a population of N (address, user agent, language) drawn once, each request"
            + " from one of them. 0 (default) = a new visitor for every request.")
    int visitors;

    @Option(names = "--bots", defaultValue = "0", description = "Share of requests with a crawler user agent.")
    double bots;

    @Option(names = "--prefetch", defaultValue = "0", description = "Share of requests with Sec-Purpose: prefetch.")
    double prefetch;

    @Option(names = "--partners", split = ",", description = "Partner names for /slug/partner requests.")
    List<String> partners = List.of();

    @Option(names = "--partner-share", defaultValue = "0.3",
        description = "Share of requests that go to /slug/partner when --partners is set (default ${DEFAULT-VALUE}).")
    double partnerShare;

    @Option(names = "--sub-ids", description = "Append ?sub1=<random> to each request.")
    boolean subIds;

    @Option(names = "--host", description = "Host header (default: the URL's authority).")
    String host;

    @Option(names = "--hlog", description = "Write an HdrHistogram log (interval histograms every second, in us).")
    Path hlog;

    @Option(names = "--progress", defaultValue = "5s", converter = DurationConverter.class,
        description = "A progress line on stderr this often; 0 = none (default ${DEFAULT-VALUE}).")
    long progressNs;

    @Option(names = "--seed", defaultValue = "1",
        description = "Seed of the draws and of the visitor population (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--nio", description = "Use the NIO transport even where epoll is available.")
    boolean nio;

    /** Tests count requests per slug rank and catch the progress lines. */
    boolean countSlugs;
    PrintStream progressOut = System.err;

    public static void main(String[] args) {
        System.exit(new CommandLine(new OpenLoop()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Report report = run();
        System.out.print(report.summary());
        System.out.println(report.keyValues());
        return 0;
    }

    /** Validates the options, prepares the requests and runs the load. */
    Report run() throws Exception {
        if (!"http".equalsIgnoreCase(url.getScheme()) || url.getHost() == null) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--url must be http://host[:port]/[path]");
        }
        check(rate > 0 && Double.isFinite(rate), "--rate must be > 0");
        check(durationNs > 0, "--duration must be > 0");
        check(warmupNs >= 0, "--warmup must be >= 0");
        check(connections >= 1, "--connections must be >= 1");
        check(threads >= 1, "--threads must be >= 1");
        check(timeoutNs > 0, "--timeout must be > 0");
        check(zipf >= 0, "--zipf must be >= 0");
        check(share(bots) && share(prefetch) && share(partnerShare), "shares must be in [0, 1]");
        check(visitors >= 0, "--visitors must be >= 0");
        check(progressNs >= 0, "--progress must be >= 0");
        int port = url.getPort() > 0 ? url.getPort() : 80;
        String authority = host != null ? host : url.getPort() > 0 ? url.getHost() + ":" + port : url.getHost();
        List<String> agents = new ArrayList<>();
        double[] weights;
        if (userAgents != null) {
            weights = MixFiles.readUserAgents(userAgents, agents);
        } else {
            agents.add(RequestMix.DEFAULT_UA);
            weights = new double[] {1};
        }
        List<String> acceptLanguages = languages == null ? List.of() : MixFiles.readLanguages(languages);
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        RequestMix mix = new RequestMix(new RequestMix.Spec(path, authority, MixFiles.readSlugs(slugs), zipf, agents,
            weights, acceptLanguages, xff, bots, prefetch, partners, partnerShare, subIds, churn, visitors, seed));
        return new LoadRun(new LoadRun.Config(new InetSocketAddress(url.getHost(), port), mix, rate, warmupNs,
            durationNs, connections, threads, churn, timeoutNs, nio, hlog, progressNs, progressOut, seed,
            countSlugs)).run();
    }

    private static boolean share(double x) {
        return x >= 0 && x <= 1;
    }

    private void check(boolean ok, String message) {
        if (!ok) {
            throw new CommandLine.ParameterException(new CommandLine(this), message);
        }
    }

    /** "30s", "500ms", "2m", "1h" or a plain number of seconds, to nanoseconds. */
    static final class DurationConverter implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String v = value.strip().toLowerCase(Locale.ROOT);
            long unitNs;
            String number;
            if (v.endsWith("ms")) {
                unitNs = TimeUnit.MILLISECONDS.toNanos(1);
                number = v.substring(0, v.length() - 2);
            } else if (v.endsWith("s")) {
                unitNs = TimeUnit.SECONDS.toNanos(1);
                number = v.substring(0, v.length() - 1);
            } else if (v.endsWith("m")) {
                unitNs = TimeUnit.MINUTES.toNanos(1);
                number = v.substring(0, v.length() - 1);
            } else if (v.endsWith("h")) {
                unitNs = TimeUnit.HOURS.toNanos(1);
                number = v.substring(0, v.length() - 1);
            } else {
                unitNs = TimeUnit.SECONDS.toNanos(1);
                number = v;
            }
            return Math.round(Double.parseDouble(number) * unitNs);
        }
    }

    /** "5000" or "5000/s". */
    static final class RateConverter implements CommandLine.ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String v = value.strip();
            if (v.endsWith("/s")) {
                v = v.substring(0, v.length() - 2);
            }
            return Double.parseDouble(v);
        }
    }
}

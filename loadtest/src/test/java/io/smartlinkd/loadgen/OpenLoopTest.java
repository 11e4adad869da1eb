package io.smartlinkd.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Tests the generator itself against a stub server; nothing here measures smartlinkd. */
class OpenLoopTest {

    @Test
    @Timeout(5)
    void shouldDrawTheTopRankAsOftenAsZipfSays() {
        ZipfSampler zipf = new ZipfSampler(100, 1.0);
        double harmonic = 0;
        for (int i = 1; i <= 100; i++) {
            harmonic += 1.0 / i;
        }
        assertEquals(1 / harmonic, zipf.probability(0), 1e-12);
        SplittableRandom random = new SplittableRandom(42);
        int draws = 200_000;
        int top = 0;
        for (int i = 0; i < draws; i++) {
            if (zipf.sample(random) == 0) {
                top++;
            }
        }
        assertEquals(1 / harmonic, top / (double) draws, 0.005);

        ZipfSampler uniform = new ZipfSampler(100, 0);
        assertEquals(0.01, uniform.probability(0), 1e-12);
        assertEquals(0.01, uniform.probability(99), 1e-12);
    }

    @Test
    @Timeout(15)
    void shouldHoldTheRateAndChargeStallsFromTheIntendedStart(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            lines.add("s" + i + "\thttps://example.com/" + i);
        }
        Path slugs = Files.write(dir.resolve("slugs.tsv"), lines);
        AtomicLong served = new AtomicLong();
        Map<String, LongAdder> paths = new ConcurrentHashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        HttpServer server = stub(pool, exchange -> {
            long n = served.incrementAndGet();
            paths.computeIfAbsent(exchange.getRequestURI().getPath(), p -> new LongAdder()).increment();
            redirectAfter(exchange, n % 100 == 0 ? 50 : 0);
        });
        Report report;
        try {
            OpenLoop cmd = openLoop(server, OutputStream.nullOutputStream(),
                "--slugs", slugs.toString(), "--rate", "500/s", "--duration", "2s", "--warmup", "500ms",
                "--connections", "16", "--timeout", "2s", "--xff", "--bots", "0.05", "--hlog",
                dir.resolve("out.hlog").toString());
            cmd.countSlugs = true;
            report = cmd.run();
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
        System.out.print(report.summary());
        System.out.println(report.keyValues());

        assertEquals(500, report.achievedRps(), 50, "achieved rate within 10 % of the intended rate");
        assertEquals(report.started(), report.responses(), "every request answered");
        assertEquals(report.responses(), report.status2xx3xx());
        assertEquals(0, report.errConnect() + report.errTimeout() + report.errIo() + report.errOther());
        assertEquals(0, report.unsent());
        assertTrue(served.get() >= report.responses(), "the server saw at least the measured requests");
        assertTrue(report.percentileMs(99.9) >= 40, "p99.9 shows the 50 ms stalls: " + report.percentileMs(99.9));
        assertTrue(report.maxMs() >= 40, "max shows the 50 ms stalls: " + report.maxMs());

        double expectedTop = new ZipfSampler(20, 1.0).probability(0);
        long[] hits = report.slugHits();
        long all = 0;
        for (long h : hits) {
            all += h;
        }
        assertEquals(report.started(), all);
        assertEquals(expectedTop, hits[0] / (double) all, 0.05, "top slug share as sent");
        long topAtServer = paths.getOrDefault("/s0", new LongAdder()).sum();
        assertEquals(expectedTop, topAtServer / (double) served.get(), 0.05, "top slug share as received");

        long logged = 0;
        try (HistogramLogReader log = new HistogramLogReader(dir.resolve("out.hlog").toFile())) {
            for (EncodableHistogram h = log.nextIntervalHistogram(); h != null; h = log.nextIntervalHistogram()) {
                logged += ((Histogram) h).getTotalCount();
            }
        }
        assertEquals(report.responses(), logged, "the interval log holds every measured response");
    }

    @Test
    @Timeout(10)
    void shouldOpenOneConnectionPerRequestWhenChurning(@TempDir Path dir) throws Exception {
        Path slugs = Files.write(dir.resolve("slugs.tsv"), List.of("a", "b"));
        LongAdder connections = new LongAdder();
        HttpServer server = stub(null, exchange -> {
            if ("close".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Connection"))) {
                connections.increment();
            }
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        Report report;
        try {
            OpenLoop cmd = openLoop(server, OutputStream.nullOutputStream(),
                "--slugs", slugs.toString(), "--rate", "200", "--duration", "500ms", "--warmup", "0",
                "--connections", "4", "--churn", "--partners", "p1,p2", "--sub-ids", "--prefetch", "0.5");
            report = cmd.run();
        } finally {
            server.stop(0);
        }
        System.out.print(report.summary());
        assertEquals(100, report.started());
        assertEquals(report.started(), report.responses());
        assertEquals(report.started(), report.status4xx(), "404s are counted as status 4xx errors");
        assertEquals(0, report.errConnect() + report.errTimeout() + report.errIo() + report.errOther());
        assertEquals(report.started(), connections.sum(), "every request asked to close its connection");
    }

    @Test
    @Timeout(15)
    void shouldSendANewVisitorWithEveryRequestByDefault(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        List<Seen> seen = runAgainstRecorder(dir, progress, "--warmup", "0", "--xff", "--bots", "0.2", "--sub-ids",
            "--progress", "0");
        Set<String> addresses = new HashSet<>();
        Set<String> subIds = new HashSet<>();
        long bots = 0;
        for (Seen s : seen) {
            addresses.add(s.forwardedFor());
            subIds.add(s.query());
            if (List.of(RequestMix.CRAWLERS).contains(s.userAgent())) {
                bots++;
            }
        }
        assertTrue(seen.size() >= 500, "requests seen: " + seen.size());
        assertTrue(addresses.size() >= seen.size() * 0.99, addresses.size() + " distinct of " + seen.size());
        assertEquals(seen.size(), subIds.size(), "a sub id per request");
        assertEquals(0.2, bots / (double) seen.size(), 0.05, "bot share");
        assertEquals(0, progress.size(), "--progress 0 prints nothing");
    }

    @Test
    @Timeout(15)
    void shouldRepeatTheAddressesOfAFixedPopulationOfReturningVisitors(@TempDir Path dir) throws Exception {
        List<Seen> seen = runAgainstRecorder(dir, OutputStream.nullOutputStream(), "--warmup", "0", "--xff",
            "--visitors", "100");
        Set<String> addresses = new HashSet<>();
        for (Seen s : seen) {
            addresses.add(s.forwardedFor());
        }
        assertTrue(seen.size() >= 500, "requests seen: " + seen.size());
        assertTrue(addresses.size() <= 100, addresses.size() + " distinct addresses");
    }

    @Test
    @Timeout(15)
    void shouldPrintAProgressLineEveryIntervalWithErrorsSoFar(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Seen> seen = runAgainstRecorder(dir, out, "--warmup", "300ms", "--progress", "200ms");
        long notFound = seen.stream().filter(s -> s.path().equals("/c")).count();
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        lines.forEach(System.out::println);
        // Lines fall due every 200 ms of the 1.3 s schedule: at most 6; a busy machine may skip some, never add.
        assertTrue(lines.size() >= 3 && lines.size() <= 6, lines.size() + " lines");
        Pattern format = Pattern.compile("progress elapsed_s=(\\d+\\.\\d) phase=(warmup|measure) rps=(\\d+)"
            + " p50_ms=\\d+\\.\\d{3} p99_ms=\\d+\\.\\d{3} max_ms=\\d+\\.\\d{3} errors=(\\d+)");
        double lastElapsed = 0;
        long lastErrors = 0;
        long mostRps = 0;
        for (String line : lines) {
            Matcher m = format.matcher(line);
            assertTrue(m.matches(), line);
            assertTrue(Double.parseDouble(m.group(1)) > lastElapsed, "elapsed grows: " + line);
            mostRps = Math.max(mostRps, Long.parseLong(m.group(3)));
            assertTrue(Long.parseLong(m.group(4)) >= lastErrors, "errors so far never shrink: " + line);
            lastElapsed = Double.parseDouble(m.group(1));
            lastErrors = Long.parseLong(m.group(4));
        }
        assertTrue(mostRps > 0, "some interval shows the responses' rate");
        assertTrue(lines.get(0).contains("phase=warmup"), lines.get(0));
        assertTrue(lines.get(lines.size() - 1).contains("phase=measure"), lines.get(lines.size() - 1));
        assertTrue(lastErrors > 0 && lastErrors <= notFound, "404s counted: " + lastErrors + " of " + notFound);
    }

    /** What the recording stub saw of one request. */
    private record Seen(String path, String forwardedFor, String userAgent, String query) {
    }

    /**
     * Runs 1,000 requests (1,000/s for 1 s after the warm-up in {@code options}) over slugs a, b and c against a stub
     * that records every request and answers 302, or 404 for c.
     */
    private static List<Seen> runAgainstRecorder(Path dir, OutputStream progress, String... options)
        throws Exception {
        Path slugs = Files.write(dir.resolve("slugs.tsv"), List.of("a", "b", "c"));
        Queue<Seen> seen = new ConcurrentLinkedQueue<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpServer server = stub(pool, exchange -> {
            String path = exchange.getRequestURI().getPath();
            seen.add(new Seen(path, exchange.getRequestHeaders().getFirst("X-Forwarded-For"),
                exchange.getRequestHeaders().getFirst("User-Agent"), exchange.getRequestURI().getRawQuery()));
            exchange.getResponseHeaders().add("Location", "https://example.com/");
            exchange.sendResponseHeaders(path.equals("/c") ? 404 : 302, -1);
            exchange.close();
        });
        try {
            List<String> args = new ArrayList<>(List.of("--slugs", slugs.toString(), "--rate", "1000", "--duration",
                "1s", "--connections", "8"));
            args.addAll(List.of(options));
            Report report = openLoop(server, progress, args.toArray(String[]::new)).run();
            assertEquals(report.started(), report.responses(), "every request answered");
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
        return List.copyOf(seen);
    }

    @Test
    @Timeout(20)
    void shouldStartTheMeasuredScheduleAfreshWhenTheWarmUpFellBehind(@TempDir Path dir) throws Exception {
        Path slugs = Files.write(dir.resolve("slugs.tsv"), List.of("a", "b"));
        AtomicLong stallUntil = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        HttpServer server = stub(pool, exchange -> {
            // The first request starts a 900 ms stall (longer than the 500 ms warm-up); every answer takes 5 ms.
            stallUntil.compareAndSet(0, System.nanoTime() + 900_000_000L);
            redirectAfter(exchange, Math.max(0, (stallUntil.get() - System.nanoTime()) / 1_000_000) + 5);
        });
        Report report;
        try {
            report = openLoop(server, OutputStream.nullOutputStream(), "--slugs", slugs.toString(), "--rate", "400",
                "--duration", "3s", "--warmup", "500ms", "--connections", "4", "--timeout", "3s").run();
        } finally {
            server.stop(0);
            pool.shutdownNow();
        }
        System.out.print(report.summary());

        // Each lane's first warm-up request stalled; the ~49 others of its warm-up share fell due meanwhile and are
        // dropped. Replayed at 5 ms each they would have pushed every measured request back by another ~250 ms.
        assertTrue(report.warmupSkipped() >= 4 * 40, "warm-up backlog dropped: " + report.warmupSkipped());
        assertEquals(report.started(), report.responses());
        assertEquals(1200, report.started(), 12, "the measured window holds its own schedule, no more");
        // Measured requests due before the stall ended (0.5-0.9 s) wait for it: up to ~400 ms, not ~650.
        assertTrue(report.maxMs() < 550, "worst wait is the stall's end, not the warm-up backlog: " + report.maxMs());
        assertTrue(report.percentileMs(50) < 100, "median unaffected by the warm-up: " + report.percentileMs(50));
    }

    /** Answers 302 after {@code delayMs} (0: at once). */
    private static void redirectAfter(HttpExchange exchange, long delayMs) throws IOException {
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.getResponseHeaders().add("Location", "https://example.com/");
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    /** A JDK HttpServer on loopback answering every path with {@code answer} ({@code pool} null: one thread). */
    private static HttpServer stub(ExecutorService pool, HttpHandler answer) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        server.setExecutor(pool);
        server.createContext("/", answer);
        server.start();
        return server;
    }

    /** An OpenLoop aimed at {@code server} with {@code options} parsed; its progress lines go to {@code progress}. */
    private static OpenLoop openLoop(HttpServer server, OutputStream progress, String... options) {
        List<String> args = new ArrayList<>(List.of("--url", "http://127.0.0.1:" + server.getAddress().getPort()
            + "/"));
        args.addAll(List.of(options));
        OpenLoop cmd = new OpenLoop();
        new CommandLine(cmd).parseArgs(args.toArray(String[]::new));
        cmd.progressOut = new PrintStream(progress, true, StandardCharsets.UTF_8);
        return cmd;
    }
}

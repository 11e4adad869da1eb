package io.smartlinkd.bench;

import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.JournalFormat;
import io.smartlinkd.journal.JournalReader;
import io.smartlinkd.loader.ClickStore;
import io.smartlinkd.loader.Dialect;
import io.smartlinkd.loader.JournalLoader;
import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Loader throughput, rows/s, through the real {@code JournalLoader} and store (not JMH: one load is long enough that
 * warm-up noise is small, and the noise of a shared machine is larger still, so it reports medians of several runs).
 *
 * <pre>
 * java -cp loadtest/target/benchmarks.jar io.smartlinkd.bench.LoaderBenchmark ROWS DB [BATCH[,BATCH...]] [RUNS]
 * </pre>
 *
 * Writes one journal of ROWS clicks in 1M-record sealed segments to a temporary directory, then for each run and
 * each batch size (interleaved, so drift hits all sizes alike) loads it into a fresh database and prints wall time,
 * rows/s, and CPU seconds of the loading thread and of the whole process: on a machine shared with other work the
 * CPU figures move much less than the wall clock. DB is a DuckDB file path (a new file per run, deleted after), a
 * {@code jdbc:postgresql://} URL of a throwaway database (its loader tables are dropped before each run), or
 * {@code postgres}: a throwaway cluster started from the machine's PostgreSQL binaries with the integration tests'
 * settings (fsync off), stopped and deleted at the end. The journal is deleted at the end too.
 */
public final class LoaderBenchmark {
    private static final int ROWS_PER_SEGMENT = 1_000_000;

    private LoaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 2) {
            System.err.println("usage: LoaderBenchmark ROWS DB|jdbc:postgresql://...|postgres [BATCH[,BATCH...]] [RUNS]");
            System.exit(2);
        }
        int rows = Integer.parseInt(args[0]);
        int[] batches = Arrays.stream((args.length > 2 ? args[2] : "500000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int runs = args.length > 3 ? Integer.parseInt(args[3]) : 3;
        Path journal = Files.createTempDirectory("smartlinkd-bench-journal");
        ThrowawayPostgres postgres = null;
        try {
            String db = args[1];
            if (db.equals("postgres")) {
                postgres = ThrowawayPostgres.start();
                db = postgres.url();
            }
            writeJournal(journal, rows);
            System.out.printf("journal: %d clicks, %d MB; db: %s%n", rows, size(journal) >> 20,
                    Dialect.of(db) == Dialect.POSTGRESQL ? "PostgreSQL" : "DuckDB");
            double[][] rates = new double[batches.length][runs];
            double[][] cpuRates = new double[batches.length][runs];
            for (int run = 0; run < runs; run++) {
                for (int b = 0; b < batches.length; b++) {
                    Result result = loadOnce(journal, db, batches[b], run);
                    rates[b][run] = result.rows / result.wallSeconds;
                    cpuRates[b][run] = result.rows / result.processCpuSeconds;
                    System.out.printf("run %d batch %,d: %,d rows in %.2f s = %,.0f rows/s; CPU s: loader thread %.2f,"
                            + " process %.2f (%,.0f rows per process-CPU s)%n", run + 1, batches[b], result.rows,
                            result.wallSeconds, rates[b][run], result.loaderCpuSeconds, result.processCpuSeconds,
                            cpuRates[b][run]);
                }
            }
            for (int b = 0; b < batches.length; b++) {
                System.out.printf("batch %,d: median %,.0f rows/s (runs: %s); median %,.0f rows per process-CPU s%n",
                        batches[b], median(rates[b]), list(rates[b]), median(cpuRates[b]));
            }
        } finally {
            delete(journal);
            if (postgres != null) {
                postgres.close();
            }
        }
    }

    private record Result(long rows, double wallSeconds, double loaderCpuSeconds, double processCpuSeconds) {
    }

    private static Result loadOnce(Path journal, String db, int batch, int run) throws Exception {
        Path duckDir = null;
        String target = db;
        if (Dialect.of(db) == Dialect.POSTGRESQL) {
            dropLoaderTables(db);
        } else {
            duckDir = Files.createTempDirectory("smartlinkd-bench-db");
            target = duckDir.resolve(Path.of(db).getFileName() + "-" + run + "-" + batch).toString();
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long processCpu = os.getProcessCpuTime();
        long threadCpu = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        long loaded;
        try {
            try (ClickStore store = ClickStore.open(target);
                    JournalLoader loader = new JournalLoader(new JournalReader(journal), store, batch)) {
                while (loader.doWork() > 0) {
                    // Load everything there is; closing the store counts too (DuckDB checkpoints then).
                }
                loaded = loader.clicksLoaded();
            }
            return new Result(loaded, (System.nanoTime() - start) / 1e9,
                    (threads.getCurrentThreadCpuTime() - threadCpu) / 1e9,
                    (os.getProcessCpuTime() - processCpu) / 1e9);
        } finally {
            if (duckDir != null) {
                delete(duckDir);
            }
        }
    }

    private static void dropLoaderTables(String url) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url);
                Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS clicks, conversions, orders, journal_checkpoint");
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String list(double[] values) {
        StringBuilder text = new StringBuilder();
        for (double value : values) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format("%,.0f", value));
        }
        return text.toString();
    }

    private static long size(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.mapToLong(file -> file.toFile().length()).sum();
        }
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        }
    }

    /**
     * Clicks shaped like real ones: a base64url click id from random bytes (it does not compress like a counter
     * would), a truncated IPv4 from a few thousand networks, a dozen links and partners, sub1 set on a third.
     */
    private static void writeJournal(Path dir, int rows) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(JournalFormat.FRAME_BYTES + 512).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer batch = ByteBuffer.allocate(4 << 20).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        SplittableRandom random = new SplittableRandom(7);
        Base64.Encoder base64 = Base64.getUrlEncoder().withoutPadding();
        byte[] idBytes = new byte[27];
        long sequence = 1;
        int written = 0;
        for (long index = 1; written < rows; index++) {
            Path file = dir.resolve(JournalFormat.segmentName(index));
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                header.put(JournalFormat.MAGIC).putShort((short) 1).putShort((short) 1).putLong(index)
                        .putLong(System.currentTimeMillis());
                crc.reset();
                crc.update(header.array(), 0, 24);
                header.putInt(24, (int) crc.getValue());
                out.write(header.clear());
                int inSegment = 0;
                for (; inSegment < ROWS_PER_SEGMENT && written < rows; inSegment++, written++) {
                    frame.clear().position(JournalFormat.FRAME_BYTES);
                    random.nextBytes(idBytes);
                    click(frame, written, base64.encode(idBytes), random);
                    append(out, batch, finish(frame, crc, JournalFormat.TYPE_CLICK, sequence++));
                }
                frame.clear().position(JournalFormat.FRAME_BYTES);
                frame.putLong(inSegment);
                append(out, batch, finish(frame, crc, JournalFormat.TYPE_SEAL, sequence++));
                out.write(batch.flip());
                batch.clear();
            }
        }
    }

    private static void append(FileChannel out, ByteBuffer batch, ByteBuffer record) throws IOException {
        if (batch.remaining() < record.remaining()) {
            out.write(batch.flip());
            batch.clear();
        }
        batch.put(record);
    }

    private static final String[] PARTNERS = {"anna-k", "ben", "carla", "dmitri", "eve", "fatima", "gus", "hana"};

    private static void click(ByteBuffer frame, int n, byte[] clickId, SplittableRandom random) {
        int base = frame.position();
        int link = random.nextInt(12);
        frame.putLong(1_767_225_600_000L + n);
        frame.put(clickId);
        frame.putInt(link + 1).putShort((short) 0).putShort((short) 0).put((byte) 0)
                .put((byte) (random.nextInt(10) == 0 ? 3 : 2)).putShort((short) 302)
                .put((byte) 'D').put((byte) (random.nextBoolean() ? 'E' : 'K')).put((byte) (1 + random.nextInt(3)))
                .put((byte) random.nextInt(8)).put((byte) random.nextInt(6)).put((byte) 1);
        int network = random.nextInt(4096);
        frame.put((byte) 10).put((byte) (network >> 8)).put((byte) network).put(new byte[ClickLayout.IP_BYTES - 3]);
        frame.position(base + ClickLayout.STRINGS);
        String partner = PARTNERS[random.nextInt(PARTNERS.length)];
        String[] strings = {"go.example.com", "link-" + link, "summer-" + link, partner, n % 50 == 0 ? "SAVE10" : "",
            partner, n % 3 == 0 ? "post-" + random.nextInt(1000) : "", "", "", "", ""};
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            frame.put((byte) utf8.length).put(utf8);
        }
    }

    private static ByteBuffer finish(ByteBuffer frame, CRC32C crc, int type, long sequence) {
        int payload = frame.position() - JournalFormat.FRAME_BYTES;
        frame.putInt(0, payload).putShort(4, (short) type).putShort(6, (short) 1).putLong(8, sequence);
        crc.reset();
        crc.update(frame.array(), 4, 12);
        crc.update(frame.array(), JournalFormat.FRAME_BYTES, payload);
        frame.putInt(16, (int) crc.getValue());
        return frame.flip();
    }

    /**
     * A PostgreSQL cluster for one benchmark, like the integration tests' {@code EmbeddedPostgres} (which lives in
     * the server's test classes): {@code initdb} into a temporary directory, {@code pg_ctl start} on a free loopback
     * port with fsync off; as root every command runs as the {@code postgres} user.
     */
    private static final class ThrowawayPostgres implements AutoCloseable {
        private final Path bin;
        private final Path root;
        private final int port;
        private final boolean asPostgres = "root".equals(System.getProperty("user.name"));

        private ThrowawayPostgres(Path bin, Path root, int port) {
            this.bin = bin;
            this.root = root;
            this.port = port;
        }

        static ThrowawayPostgres start() throws IOException, InterruptedException {
            Path bin;
            try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
                bin = versions.map(version -> version.resolve("bin"))
                        .filter(candidate -> Files.isExecutable(candidate.resolve("initdb")))
                        .max(Comparator.comparing(Path::toString))
                        .orElseThrow(() -> new IOException("no /usr/lib/postgresql/*/bin/initdb: apt-get install postgresql"));
            }
            Path root = Files.createTempDirectory("smartlinkd-bench-pg");
            int port;
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            }
            ThrowawayPostgres postgres = new ThrowawayPostgres(bin, root, port);
            if (postgres.asPostgres) {
                Files.setOwner(root, root.getFileSystem().getUserPrincipalLookupService()
                        .lookupPrincipalByName("postgres"));
            }
            Path data = root.resolve("data");
            postgres.run("initdb", "-D", data.toString(), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale",
                    "--no-sync");
            postgres.run("pg_ctl", "-D", data.toString(), "-l", root.resolve("server.log").toString(), "-w", "-t", "60",
                    "-o", "-p " + port + " -k " + root + " -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off", "start");
            return postgres;
        }

        String url() {
            return "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=postgres";
        }

        private void run(String program, String... args) throws IOException, InterruptedException {
            List<String> command = new ArrayList<>();
            if (asPostgres) {
                command.addAll(List.of("runuser", "-u", "postgres", "--"));
            }
            command.add(bin.resolve(program).toString());
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                    .redirectOutput(root.resolve(program + ".out").toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException(String.join(" ", command) + " failed: "
                        + Files.readString(root.resolve(program + ".out")));
            }
        }

        @Override
        public void close() throws IOException, InterruptedException {
            try {
                run("pg_ctl", "-D", root.resolve("data").toString(), "-m", "immediate", "-w", "stop");
            } finally {
                delete(root);
            }
        }
    }
}

package io.smartlinkd.bench;

import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.journal.ClickJournal;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sustained journal throughput: one producer (an event loop's worth) publishes realistic click records
 * ({@link SampleClick}) as fast as the ring takes them, the writer drains them to segment files with the given
 * fsync policy; prints records/s written (median of rounds). Not a test. Run:
 * {@code java -cp loadtest/target/benchmarks.jar io.smartlinkd.bench.JournalThroughput [records] [fsync] [rounds]}.
 */
public final class JournalThroughput {
    private JournalThroughput() {
    }

    public static void main(String[] args) throws Exception {
        long records = args.length > 0 ? Long.parseLong(args[0]) : 10_000_000;
        JournalConfig.Fsync fsync = args.length > 1 ? JournalConfig.Fsync.valueOf(args[1].toUpperCase()) : JournalConfig.Fsync.INTERVAL;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        JournalConfig config = new JournalConfig(65_536, JournalConfig.DEFAULTS.segmentBytes(), fsync,
                JournalConfig.DEFAULTS.fsyncIntervalMs(), JournalConfig.IpPrivacy.TRUNCATE);
        double[] rates = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            Path dir = Files.createTempDirectory("journal-bench");
            ClickDraft draft = new ClickDraft();
            long start = System.nanoTime();
            long bytes;
            try (ClickJournal journal = ClickJournal.open(dir, 1, config)) {
                for (long n = 0; n < records; n++) {
                    SampleClick.fill(draft, 1_700_000_000_000L + n, (int) n & 1023);
                    while (!journal.tryRecord(draft)) {
                        Thread.onSpinWait();
                    }
                }
            }
            long elapsed = System.nanoTime() - start;
            try (var files = Files.list(dir)) {
                bytes = files.mapToLong(path -> path.toFile().length()).sum();
            }
            rates[round] = records * 1e9 / elapsed;
            System.out.printf("round %d: %,.0f records/s, %.1f MB/s, fsync=%s%n", round + 1, rates[round],
                    bytes * 1e3 / elapsed, fsync);
            BenchFiles.delete(dir);
        }
        java.util.Arrays.sort(rates);
        System.out.printf("median: %,.0f records/s written and closed (fsync=%s, %d records per round)%n",
                rates[rounds / 2], fsync, records);
    }
}

package io.smartlinkd.bench;

import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.journal.ClickJournal;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One click record published to the journal: the draft filled as the handler fills it ({@link SampleClick}) and
 * {@link ClickJournal#tryRecord} into the Disruptor ring, with the real writer thread draining it to segment files
 * concurrently under the default config (65,536 slots, fsync every 200 ms).
 *
 * <p>A server publishes far below the writer's pace, so its ring is never full; a producer in a tight loop would
 * soon be, and would then time the writer instead ({@link JournalThroughput} measures that pace). So each
 * invocation publishes a burst of {@value #BURST} records, an eighth of the ring, into a ring the writer has
 * drained first (outside the timing); {@code ringFull} counts refused records, and must stay 0. Run:
 * {@code java -jar loadtest/target/benchmarks.jar PublishBenchmark -prof gc}.
 */
public class PublishBenchmark extends SmartlinkdBenchmark {
    private static final int BURST = 8192;

    private Path dir;
    private ClickJournal journal;
    private final ClickDraft draft = new ClickDraft();
    private long epochMs = 1_777_888_999_000L;
    private int linkNumber;

    /** Per iteration: records the full ring refused. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Refusals {
        public long ringFull;

        @Setup(Level.Iteration)
        public void reset() {
            ringFull = 0;
        }
    }

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        dir = BenchFiles.tempDir("smartlinkd-publish-bench");
        journal = ClickJournal.open(dir, 1, JournalConfig.DEFAULTS);
    }

    /**
     * Waits for the writer to take everything published so far, so the burst finds the ring empty; parked, not
     * spinning, so that the wait is not in {@link ThreadCost}'s figure.
     */
    @Setup(Level.Invocation)
    public void drained() {
        while (journal.ringRemaining() < journal.ringCapacity()) {
            LockSupport.parkNanos(50_000);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        journal.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    @OperationsPerInvocation(BURST)
    public long publish(Refusals refusals, ThreadCost cost) {
        cost.ops(BURST);
        for (int i = 0; i < BURST; i++) {
            SampleClick.fill(draft, epochMs++, linkNumber++ & 1023);
            if (!journal.tryRecord(draft)) {
                refusals.ringFull++;
            }
        }
        return epochMs;
    }
}

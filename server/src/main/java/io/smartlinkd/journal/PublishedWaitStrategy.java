package io.smartlinkd.journal;

import com.lmax.disruptor.AlertException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.Sequence;
import com.lmax.disruptor.SequenceBarrier;
import com.lmax.disruptor.WaitStrategy;
import java.util.concurrent.locks.LockSupport;

/**
 * The writer's wait for its next record: it parks until that record is published, not merely claimed.
 *
 * <p>Disruptor's own strategies wait for the cursor, which a producer moves when it claims a slot, before it copies
 * the record in and publishes it. A writer that wakes between another thread's claim and publish finds no record and
 * asks again at once: it spins until the publish. On a core it shares with that producer (the benchmark's single
 * core; any server with more busy threads than cores) the producer cannot publish before the writer's time slice
 * ends, so the event loop stood still for 1 to 5 ms, about five times a second at 36,000 clicks a second
 * ({@code perf sched timehist}); without those stalls the closed-loop p99 fell by a quarter to a half.
 *
 * <p>Producers never wake the writer: a writer that has drained the ring parks {@code parkNanos} at a time, and each
 * wake writes everything published meanwhile in one batch. After {@value #PARKS_BEFORE_QUIET} parks in a row without
 * a record (a second with no clicks) it parks {@code quietParkNanos} at a time until the next record, so an idle
 * server's writer wakes a hundred times a second rather than a thousand; a record after a lull then waits at most that
 * long to be written.
 */
final class PublishedWaitStrategy implements WaitStrategy {
    static final int PARKS_BEFORE_QUIET = 1_000;

    private final long parkNanos;
    private final long quietParkNanos;
    // Set before the writer thread starts (which publishes it to that thread); read only by the writer.
    private RingBuffer<?> ring;
    // Writer thread only; parks is volatile for the test that counts them from another thread.
    private int emptyParks;
    private volatile long parks;

    PublishedWaitStrategy(long parkNanos, long quietParkNanos) {
        this.parkNanos = parkNanos;
        this.quietParkNanos = quietParkNanos;
    }

    /** The ring whose publications to wait for; before the writer starts. */
    void watch(RingBuffer<?> ring) {
        this.ring = ring;
    }

    @Override
    public long waitFor(long sequence, Sequence cursor, Sequence dependentSequence, SequenceBarrier barrier)
            throws AlertException {
        long available;
        while ((available = dependentSequence.get()) < sequence || !ring.isAvailable(sequence)) {
            barrier.checkAlert();
            if (emptyParks < PARKS_BEFORE_QUIET) {
                emptyParks++;
                LockSupport.parkNanos(parkNanos);
            } else {
                LockSupport.parkNanos(quietParkNanos);
            }
            parks++;
        }
        emptyParks = 0;
        return available;
    }

    /** How often the writer has parked so far. */
    long parks() {
        return parks;
    }

    @Override
    public void signalAllWhenBlocking() {
        // Nothing blocks: the writer parks for a fixed time.
    }
}

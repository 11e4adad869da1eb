package io.smartlinkd.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class PublishedWaitStrategyTest {
    private static final class Slot {
        long value;
    }

    /** A ring of 64 slots whose one writer thread ({@code writer}) adds every value it takes to {@code seen}. */
    private static Disruptor<Slot> start(PublishedWaitStrategy waiting, AtomicReference<Thread> writer,
                                         LinkedBlockingQueue<Long> seen) {
        Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 64, runnable -> {
            Thread thread = new Thread(runnable, "test-writer");
            writer.set(thread);
            return thread;
        }, ProducerType.MULTI, waiting);
        waiting.watch(disruptor.getRingBuffer());
        disruptor.handleEventsWith((EventHandler<Slot>) (slot, sequence, endOfBatch) -> seen.add(slot.value));
        disruptor.start();
        return disruptor;
    }

    @Test
    void shouldParkLongerAfterASecondWithoutRecordsAndShortAgainOnceOneComes() throws Exception {
        PublishedWaitStrategy waiting = new PublishedWaitStrategy(1_000_000, 10_000_000);
        LinkedBlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        Disruptor<Slot> disruptor = start(waiting, new AtomicReference<>(), seen);
        RingBuffer<Slot> ring = disruptor.getRingBuffer();
        try {
            ring.publishEvent((slot, sequence) -> slot.value = 1);
            assertEquals(1L, seen.poll(5, TimeUnit.SECONDS));
            // Parks of 1 ms: some 300 in 300 ms (fewer on a busy machine); parks of 10 ms could not pass 30.
            assertTrue(parksDuring(waiting, 300) > 100, "the writer parks 1 ms at a time after a record");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (waiting.parks() < PublishedWaitStrategy.PARKS_BEFORE_QUIET + 10 && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            long quietParks = parksDuring(waiting, 1_000);
            assertTrue(quietParks <= 110, "after a quiet second the writer parked " + quietParks + " times a second");

            ring.publishEvent((slot, sequence) -> slot.value = 2);
            assertEquals(2L, seen.poll(5, TimeUnit.SECONDS));
            assertTrue(parksDuring(waiting, 300) > 100, "a record brings the 1 ms parks back");
        } finally {
            disruptor.halt();
        }
    }

    private static long parksDuring(PublishedWaitStrategy waiting, long millis) throws InterruptedException {
        long before = waiting.parks();
        Thread.sleep(millis);
        return waiting.parks() - before;
    }

    @Test
    void shouldParkWhileASlotIsClaimedButNotPublishedAndTakeItOncePublished() throws Exception {
        PublishedWaitStrategy waiting = new PublishedWaitStrategy(1_000_000, 10_000_000);
        AtomicReference<Thread> writer = new AtomicReference<>();
        LinkedBlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        Disruptor<Slot> disruptor = start(waiting, writer, seen);
        RingBuffer<Slot> ring = disruptor.getRingBuffer();
        try {
            ring.publishEvent((slot, sequence) -> slot.value = 1);
            assertEquals(1L, seen.poll(5, TimeUnit.SECONDS));

            // A producer preempted between claim and publish: the writer must wait, not spin on the cursor.
            long claimed = ring.next();
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long cpuBefore = threads.getThreadCpuTime(writer.get().getId());
            Thread.sleep(500);
            long spentNs = threads.getThreadCpuTime(writer.get().getId()) - cpuBefore;
            // Spinning costs the whole half second of a core; parking 1 ms at a time, a few milliseconds.
            assertTrue(spentNs < 100_000_000L, "the writer used " + spentNs / 1_000_000 + " ms of CPU waiting");
            assertTrue(seen.isEmpty());

            ring.get(claimed).value = 2;
            ring.publish(claimed);
            assertEquals(2L, seen.poll(5, TimeUnit.SECONDS));
        } finally {
            disruptor.halt();
        }
    }
}

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

    @Test
    void shouldParkWhileASlotIsClaimedButNotPublishedAndTakeItOncePublished() throws Exception {
        PublishedWaitStrategy waiting = new PublishedWaitStrategy(1_000_000);
        AtomicReference<Thread> writer = new AtomicReference<>();
        Disruptor<Slot> disruptor = new Disruptor<>(Slot::new, 64, runnable -> {
            Thread thread = new Thread(runnable, "test-writer");
            writer.set(thread);
            return thread;
        }, ProducerType.MULTI, waiting);
        waiting.watch(disruptor.getRingBuffer());
        LinkedBlockingQueue<Long> seen = new LinkedBlockingQueue<>();
        disruptor.handleEventsWith((EventHandler<Slot>) (slot, sequence, endOfBatch) -> seen.add(slot.value));
        RingBuffer<Slot> ring = disruptor.start();
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

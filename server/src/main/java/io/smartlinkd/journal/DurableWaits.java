package io.smartlinkd.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back once a journal record is durable, without a thread blocked per record: webhook deliveries must not
 * answer before their order records are on disk, and with interval fsync that takes up to the interval, which
 * would cap a blocking worker at a few orders per second. One thread checks the journal's durable sequence every
 * millisecond while anything waits.
 */
public final class DurableWaits implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DurableWaits.class);
    private static final long CHECK_NS = TimeUnit.MILLISECONDS.toNanos(1);

    /** What a waiter is told: true once durable, false when its deadline passed or the waits were closed. */
    public interface Callback {
        void durable(boolean done);
    }

    private record Wait(long sequence, long deadlineNs, Callback callback) {
    }

    private final LongSupplier durableSequence;
    private final ConcurrentLinkedQueue<Wait> incoming = new ConcurrentLinkedQueue<>();
    private final Thread thread;
    private volatile boolean running = true;

    public DurableWaits(LongSupplier durableSequence) {
        this.durableSequence = durableSequence;
        this.thread = new Thread(this::run, "journal-durable-waits");
        this.thread.setDaemon(true);
        this.thread.start();
    }

    /** Calls {@code callback} (on this class's thread) when {@code sequence} is durable or the timeout passes. */
    public void whenDurable(long sequence, long timeoutMs, Callback callback) {
        incoming.add(new Wait(sequence, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs), callback));
        LockSupport.unpark(thread);
    }

    private void run() {
        List<Wait> waiting = new ArrayList<>();
        while (running || !incoming.isEmpty() || !waiting.isEmpty()) {
            for (Wait wait; (wait = incoming.poll()) != null; ) {
                waiting.add(wait);
            }
            if (waiting.isEmpty()) {
                if (!running) {
                    break;
                }
                LockSupport.park(this);
                continue;
            }
            long durable = durableSequence.getAsLong();
            long now = System.nanoTime();
            for (int i = waiting.size() - 1; i >= 0; i--) {
                Wait wait = waiting.get(i);
                boolean done = wait.sequence() <= durable;
                if (done || now > wait.deadlineNs() || !running) {
                    waiting.remove(i);
                    call(wait.callback(), done);
                }
            }
            LockSupport.parkNanos(this, CHECK_NS);
        }
    }

    private static void call(Callback callback, boolean done) {
        try {
            callback.durable(done);
        } catch (RuntimeException e) {
            LOG.error("durable-wait callback failed", e);
        }
    }

    /** Tells every remaining waiter whether its record made it (the journal is flushed first by the caller). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

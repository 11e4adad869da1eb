package io.smartlinkd.journal;

import com.lmax.disruptor.EventTranslatorOneArg;
import com.lmax.disruptor.ExceptionHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.TimeoutException;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import io.smartlinkd.config.JournalConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The click journal as the hot path sees it: {@link #tryRecord} copies a draft into the publish ring without
 * locks or allocation and returns false when the ring is full (the caller answers 503 rather than send an
 * unrecorded redirect). One writer thread drains the ring into segment files ({@link JournalWriter}). Safe for
 * many producer threads.
 */
public final class ClickJournal implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ClickJournal.class);
    private static final EventTranslatorOneArg<ClickEvent, ClickDraft> COPY_DRAFT = (event, sequence, draft) -> {
        int length = draft.finish();
        System.arraycopy(draft.bytes, 0, event.room(length), 0, length);
        event.length = length;
        event.type = JournalFormat.TYPE_CLICK;
    };

    /**
     * A writer that has drained the ring parks 1 ms at a time ({@link PublishedWaitStrategy}), 10 ms after a second
     * without clicks: producers never take a lock to wake it. Nothing waits for the writer but order intake, which
     * waits for the fsync anyway.
     */
    private static final long IDLE_PARK_NS = 1_000_000;
    private static final long QUIET_PARK_NS = 10_000_000;

    private final Disruptor<ClickEvent> disruptor;
    private final RingBuffer<ClickEvent> ring;
    private final JournalWriter writer;
    private final LongAdder refused = new LongAdder();
    private volatile Throwable failure;
    private boolean closed;

    private ClickJournal(Disruptor<ClickEvent> disruptor, JournalWriter writer) {
        this.disruptor = disruptor;
        this.writer = writer;
        this.disruptor.handleEventsWith(writer);
        this.disruptor.setDefaultExceptionHandler(new FailureHandler());
        this.ring = disruptor.start();
        writer.awaitStarted();
    }

    /** Recovers the journal in {@code dir} (cutting a torn tail) and starts the writer thread. */
    public static ClickJournal open(Path dir, int nodeId, JournalConfig config) throws IOException {
        JournalWriter writer = JournalWriter.open(dir, nodeId, config);
        PublishedWaitStrategy waiting = new PublishedWaitStrategy(IDLE_PARK_NS, QUIET_PARK_NS);
        Disruptor<ClickEvent> disruptor = new Disruptor<>(ClickEvent::new, config.ringSize(),
                runnable -> {
                    Thread thread = new Thread(runnable, "journal-writer");
                    thread.setDaemon(true);
                    return thread;
                },
                ProducerType.MULTI, waiting);
        waiting.watch(disruptor.getRingBuffer());
        return new ClickJournal(disruptor, writer);
    }

    /** Publishes the draft; false when the ring is full or the writer has failed (nothing was recorded). */
    public boolean tryRecord(ClickDraft draft) {
        if (failure == null && ring.tryPublishEvent(COPY_DRAFT, draft)) {
            return true;
        }
        refused.increment();
        return false;
    }

    /**
     * Publishes an order record (webhook threads, never an event loop). Returns the ring sequence to pass to
     * {@link DurableWaits}, or -1 when the ring is full or the writer has failed.
     */
    public long tryRecordOrder(OrderRecord order) {
        byte[] payload = order.encode();
        if (failure != null) {
            return -1;
        }
        try {
            long sequence = ring.tryNext();
            ClickEvent event = ring.get(sequence);
            System.arraycopy(payload, 0, event.room(payload.length), 0, payload.length);
            event.length = payload.length;
            event.type = JournalFormat.TYPE_ORDER;
            ring.publish(sequence);
            return sequence;
        } catch (com.lmax.disruptor.InsufficientCapacityException e) {
            refused.increment();
            return -1;
        }
    }

    /** Ring sequence up to which records are durable as the fsync policy promises. */
    public long durableSequence() {
        return writer.durableSequence();
    }

    public long refused() {
        return refused.sum();
    }

    /** Records published but not yet written to the segment file. */
    public long lag() {
        return Math.max(0, ring.getCursor() - writer.writtenSequence());
    }

    public long ringCapacity() {
        return ring.getBufferSize();
    }

    public long ringRemaining() {
        return ring.remainingCapacity();
    }

    public long recordsWritten() {
        return writer.recordsWritten();
    }

    /** Drains everything published, seals and forces the open segment, and stops the writer. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            disruptor.shutdown(30, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            LOG.error("journal: ring not drained within 30 s; {} records still queued", lag());
            disruptor.halt();
        }
        writer.awaitClosed();
    }

    /** A writer that cannot write stops accepting clicks (503) instead of losing them silently. */
    private final class FailureHandler implements ExceptionHandler<ClickEvent> {
        @Override
        public void handleEventException(Throwable ex, long sequence, ClickEvent event) {
            failure = ex;
            LOG.error("journal: cannot write record {}; refusing clicks until restarted", sequence, ex);
            throw new IllegalStateException("journal writer failed", ex);
        }

        @Override
        public void handleOnStartException(Throwable ex) {
            failure = ex;
            LOG.error("journal: writer failed to start", ex);
        }

        @Override
        public void handleOnShutdownException(Throwable ex) {
            LOG.error("journal: failed to close cleanly", ex);
        }
    }
}

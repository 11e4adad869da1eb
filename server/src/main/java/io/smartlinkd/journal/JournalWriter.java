package io.smartlinkd.journal;

import com.lmax.disruptor.EventHandler;
import io.smartlinkd.config.JournalConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ring's consumer: frames each click ({@link JournalFormat}), batches frames in a direct buffer and writes them
 * on {@code endOfBatch}, rolls and seals segments past the configured size, and forces data to disk by the fsync
 * policy. On open it recovers: the newest segment, if unsealed, is scanned, cut after its last valid record (the cut
 * is logged) and sealed, and a new segment continues the sequence. Runs on the journal-writer thread; the only
 * other thread that touches it is the interval fsync timer, which shares {@link #fileLock} for segment changes.
 */
final class JournalWriter implements EventHandler<ClickEvent> {
    private static final Logger LOG = LoggerFactory.getLogger(JournalWriter.class);
    private static final int BUFFER_BYTES = 1 << 20;

    private final Path dir;
    private final int nodeId;
    private final JournalConfig config;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final ByteBuffer frame = ByteBuffer.allocate(JournalFormat.FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    private final CRC32C crc = new CRC32C();
    private final Object fileLock = new Object();
    private final CountDownLatch started = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final ScheduledExecutorService fsyncTimer;

    private FileChannel channel;
    private long segmentIndex;
    private long position;
    private long recordsInSegment;
    private long nextSequence;
    private volatile boolean dirty;
    private volatile long writtenRingSequence = -1;
    /** Ring sequence up to which records are on disk as the fsync policy promises (forced, or written with none). */
    private volatile long durableRingSequence = -1;
    /** Click records handed to the file (the OS); a process crash no longer loses them. */
    private volatile long recordsWritten;
    private long bufferedRecords;

    private JournalWriter(Path dir, int nodeId, JournalConfig config, long lastSegment, long nextSequence)
            throws IOException {
        this.dir = dir;
        this.nodeId = nodeId;
        this.config = config;
        this.nextSequence = nextSequence;
        startSegment(lastSegment + 1);
        if (config.fsync() == JournalConfig.Fsync.INTERVAL) {
            fsyncTimer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "journal-fsync");
                thread.setDaemon(true);
                return thread;
            });
            fsyncTimer.scheduleWithFixedDelay(this::forceIfDirty, config.fsyncIntervalMs(), config.fsyncIntervalMs(),
                    TimeUnit.MILLISECONDS);
        } else {
            fsyncTimer = null;
        }
    }

    static JournalWriter open(Path dir, int nodeId, JournalConfig config) throws IOException {
        Files.createDirectories(dir);
        SegmentRecovery.Result recovered = SegmentRecovery.recover(dir);
        if (recovered.cutBytes() > 0) {
            LOG.warn("journal: cut {} torn bytes from {} at offset {}; sealed it after sequence {}",
                    recovered.cutBytes(), recovered.segment(), recovered.cutAt(), recovered.nextSequence() - 1);
        }
        return new JournalWriter(dir, nodeId, config, recovered.lastIndex(), recovered.nextSequence());
    }

    @Override
    public void onEvent(ClickEvent event, long ringSequence, boolean endOfBatch) throws IOException {
        int recordBytes = JournalFormat.FRAME_BYTES + event.length;
        if (position + buffer.position() + recordBytes + sealBytes() > config.segmentBytes() && recordsInSegment > 0) {
            writeBuffer();
            roll();
        }
        if (buffer.remaining() < recordBytes) {
            writeBuffer();
        }
        appendFrame(event.type, event.payload, event.length);
        recordsInSegment++;
        bufferedRecords++;
        if (endOfBatch) {
            writeBuffer();
            if (config.fsync() == JournalConfig.Fsync.BATCH) {
                channel.force(false);
                durableRingSequence = ringSequence;
            } else if (config.fsync() == JournalConfig.Fsync.NONE) {
                durableRingSequence = ringSequence;
            } else {
                dirty = true;
            }
        }
        writtenRingSequence = ringSequence;
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /**
     * Disruptor's shutdown only waits for processors that are running; one whose thread has not started yet would be
     * halted with events still in the ring. The journal is not handed out before its writer runs.
     */
    void awaitStarted() {
        try {
            if (!started.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("journal writer did not start within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the journal writer", e);
        }
    }

    @Override
    public void onShutdown() {
        try {
            writeBuffer();
            synchronized (fileLock) {
                seal();
                channel.close();
            }
            // seal() forced everything written.
            durableRingSequence = writtenRingSequence;
            if (fsyncTimer != null) {
                fsyncTimer.shutdownNow();
            }
            LOG.info("journal: sealed {} after sequence {}", JournalFormat.segmentName(segmentIndex), nextSequence - 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            closed.countDown();
        }
    }

    void awaitClosed() {
        try {
            if (!closed.await(30, TimeUnit.SECONDS)) {
                LOG.error("journal: writer did not close within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long durableSequence() {
        return durableRingSequence;
    }

    long writtenSequence() {
        return writtenRingSequence;
    }

    long recordsWritten() {
        return recordsWritten;
    }

    private void appendFrame(int type, byte[] payload, int length) {
        crc.reset();
        frame.clear();
        frame.putInt(length).putShort((short) type).putShort((short) 1).putLong(nextSequence);
        crc.update(frame.array(), 4, 12);
        crc.update(payload, 0, length);
        frame.putInt((int) crc.getValue());
        buffer.put(frame.array(), 0, JournalFormat.FRAME_BYTES);
        buffer.put(payload, 0, length);
        nextSequence++;
    }

    private void writeBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            position += channel.write(buffer, position);
        }
        buffer.clear();
        recordsWritten += bufferedRecords;
        bufferedRecords = 0;
    }

    private static int sealBytes() {
        return JournalFormat.FRAME_BYTES + 8;
    }

    private void seal() throws IOException {
        byte[] count = new byte[8];
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putLong(recordsInSegment);
        appendFrame(JournalFormat.TYPE_SEAL, count, count.length);
        writeBuffer();
        channel.force(true);
    }

    private void roll() throws IOException {
        synchronized (fileLock) {
            seal();
            channel.close();
            startSegment(segmentIndex + 1);
        }
    }

    private void startSegment(long index) throws IOException {
        Path file = dir.resolve(JournalFormat.segmentName(index));
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        ByteBuffer header = SegmentHeader.encode(nodeId, index, System.currentTimeMillis());
        position = 0;
        while (header.hasRemaining()) {
            position += channel.write(header, position);
        }
        channel.force(true);
        SegmentRecovery.fsyncDirectory(dir);
        segmentIndex = index;
        recordsInSegment = 0;
    }

    private void forceIfDirty() {
        if (!dirty) {
            return;
        }
        dirty = false;
        long written = writtenRingSequence;
        synchronized (fileLock) {
            try {
                if (channel.isOpen()) {
                    channel.force(false);
                    durableRingSequence = Math.max(durableRingSequence, written);
                }
            } catch (IOException e) {
                LOG.error("journal: fsync failed", e);
            }
        }
    }
}

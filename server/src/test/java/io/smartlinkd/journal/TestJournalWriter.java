package io.smartlinkd.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A tiny journal writer for tests: segments with records framed exactly as {@link JournalFormat} describes, plus
 * ways to damage them. Not thread-safe; not the server's writer.
 */
public final class TestJournalWriter implements AutoCloseable {
    private final Path directory;
    private final int nodeId;
    private long segmentIndex;
    private long sequence;
    private long recordsInSegment;
    private FileChannel channel;

    public TestJournalWriter(Path directory, int nodeId, long firstSequence) throws IOException {
        this.directory = Files.createDirectories(directory);
        this.nodeId = nodeId;
        this.sequence = firstSequence;
    }

    public Path directory() {
        return directory;
    }

    /** Seals the current segment (if any) and starts the next. */
    public Path nextSegment() throws IOException {
        if (channel != null) {
            seal();
        }
        segmentIndex++;
        Path file = directory.resolve(JournalFormat.segmentName(segmentIndex));
        channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        channel.write(header(nodeId, segmentIndex, 1_700_000_000_000L));
        recordsInSegment = 0;
        return file;
    }

    public static ByteBuffer header(int nodeId, long index, long createdMs) {
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(JournalFormat.MAGIC).putShort((short) JournalFormat.VERSION).putShort((short) nodeId)
                .putLong(index).putLong(createdMs);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 24);
        header.putInt(24, (int) crc.getValue());
        return header.clear();
    }

    /** Appends a click; returns the record's offset. */
    public long click(TestClick click) throws IOException {
        return record(JournalFormat.TYPE_CLICK, click.encode());
    }

    public long record(int type, byte[] payload) throws IOException {
        long offset = channel.position();
        channel.write(frame(type, 1, sequence++, payload));
        if (type != JournalFormat.TYPE_SEAL) {
            recordsInSegment++;
        }
        return offset;
    }

    public static ByteBuffer frame(int type, int layout, long sequence, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(JournalFormat.FRAME_BYTES + payload.length)
                .order(ByteOrder.LITTLE_ENDIAN);
        frame.putInt(payload.length).putShort((short) type).putShort((short) layout).putLong(sequence);
        CRC32C crc = new CRC32C();
        crc.update(frame.array(), 4, 12);
        crc.update(payload);
        frame.putInt((int) crc.getValue()).put(payload);
        return frame.flip();
    }

    public void seal() throws IOException {
        byte[] count = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(recordsInSegment).array();
        record(JournalFormat.TYPE_SEAL, count);
    }

    /** Appends raw bytes to the open segment, e.g. a torn record or zero-filled preallocation. */
    public void raw(byte[] bytes) throws IOException {
        channel.write(ByteBuffer.wrap(bytes));
    }

    /** The first {@code keep} bytes of a valid click frame, as a crash mid-write leaves them. */
    public void tornClick(TestClick click, int keep) throws IOException {
        ByteBuffer frame = frame(JournalFormat.TYPE_CLICK, 1, sequence, click.encode());
        raw(java.util.Arrays.copyOf(frame.array(), keep));
    }

    public long sequence() {
        return sequence;
    }

    public Path segmentFile() {
        return directory.resolve(JournalFormat.segmentName(segmentIndex));
    }

    /** Flips every bit of the byte at {@code offset} of {@code file}. */
    public static void flipByte(Path file, long offset) throws IOException {
        try (FileChannel damage = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            damage.read(one, offset);
            one.put(0, (byte) ~one.get(0));
            damage.write(one.clear(), offset);
        }
    }

    @Override
    public void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}

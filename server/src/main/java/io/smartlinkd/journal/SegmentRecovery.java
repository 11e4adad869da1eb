package io.smartlinkd.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Start-up recovery of the newest segment: finds its last valid record, truncates whatever follows (a record torn
 * by a crash), and seals it, so every older segment is sealed and the writer starts a fresh one. The scan checks
 * every frame's CRC; nothing before the last valid record is touched.
 */
final class SegmentRecovery {
    /**
     * @param lastIndex    index of the newest segment (0 when there is none)
     * @param nextSequence the sequence the next record gets
     * @param segment      the file that was cut, or null
     * @param cutAt        offset of the cut
     * @param cutBytes     bytes removed (0 = nothing torn)
     */
    record Result(long lastIndex, long nextSequence, Path segment, long cutAt, long cutBytes) {
    }

    private SegmentRecovery() {
    }

    static Result recover(Path dir) throws IOException {
        List<Path> segments;
        try (Stream<Path> files = Files.list(dir)) {
            segments = files.filter(path -> path.getFileName().toString().matches("segment-\\d{20}\\.seg")).sorted()
                    .toList();
        }
        if (segments.isEmpty()) {
            return new Result(0, 1, null, 0, 0);
        }
        Path newest = segments.get(segments.size() - 1);
        long index = Long.parseLong(newest.getFileName().toString().substring(8, 28));
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = channel.size();
            ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            if (size < JournalFormat.HEADER_BYTES || !SegmentHeader.isValid(header)) {
                // Torn while being created: it never held a record. Its index is taken again.
                channel.close();
                Files.delete(newest);
                fsyncDirectory(dir);
                long previousNext = segments.size() > 1 ? lastSequenceOf(segments.get(segments.size() - 2)) + 1 : 1;
                return new Result(index - 1, previousNext, newest, 0, size);
            }
            Scan scan = scan(channel, size);
            long next = scan.lastSequence + 1;
            if (scan.sealed) {
                return new Result(index, next, null, 0, 0);
            }
            long cut = size - scan.end;
            if (cut > 0) {
                channel.truncate(scan.end);
            }
            ByteBuffer seal = sealRecord(next, scan.records);
            channel.write(seal, scan.end);
            channel.force(true);
            return new Result(index, next + 1, cut > 0 ? newest : null, scan.end, cut);
        }
    }

    private static long lastSequenceOf(Path segment) throws IOException {
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            return scan(channel, channel.size()).lastSequence;
        }
    }

    private static final class Scan {
        long end = JournalFormat.HEADER_BYTES;
        long lastSequence;
        long records;
        boolean sealed;
    }

    private static Scan scan(FileChannel channel, long size) throws IOException {
        Scan scan = new Scan();
        ByteBuffer frame = ByteBuffer.allocate(JournalFormat.FRAME_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        ByteBuffer payload = ByteBuffer.allocate(JournalFormat.MAX_PAYLOAD_BYTES);
        CRC32C crc = new CRC32C();
        long at = JournalFormat.HEADER_BYTES;
        while (at + JournalFormat.FRAME_BYTES <= size) {
            frame.clear();
            readFully(channel, frame, at);
            int length = frame.getInt(0);
            if (length < 0 || length > JournalFormat.MAX_PAYLOAD_BYTES || at + JournalFormat.FRAME_BYTES + length > size) {
                break;
            }
            payload.clear().limit(length);
            readFully(channel, payload, at + JournalFormat.FRAME_BYTES);
            crc.reset();
            crc.update(frame.array(), 4, 12);
            crc.update(payload.array(), 0, length);
            if (frame.getInt(16) != (int) crc.getValue() || (length == 0 && frame.getShort(4) == 0)) {
                break;
            }
            scan.lastSequence = frame.getLong(8);
            at += JournalFormat.FRAME_BYTES + length;
            scan.end = at;
            if (frame.getShort(4) == (short) JournalFormat.TYPE_SEAL) {
                scan.sealed = true;
                break;
            }
            scan.records++;
        }
        return scan;
    }

    private static ByteBuffer sealRecord(long sequence, long records) {
        ByteBuffer record = ByteBuffer.allocate(JournalFormat.FRAME_BYTES + 8).order(ByteOrder.LITTLE_ENDIAN);
        record.putInt(8).putShort((short) JournalFormat.TYPE_SEAL).putShort((short) 1).putLong(sequence);
        CRC32C crc = new CRC32C();
        crc.update(record.array(), 4, 12);
        byte[] count = new byte[8];
        ByteBuffer.wrap(count).order(ByteOrder.LITTLE_ENDIAN).putLong(records);
        crc.update(count);
        record.putInt((int) crc.getValue()).put(count);
        return record.flip();
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long at) throws IOException {
        long position = at;
        while (buffer.hasRemaining()) {
            int read = channel.read(buffer, position);
            if (read < 0) {
                throw new IOException("unexpected end of segment at " + position);
            }
            position += read;
        }
    }

    /** Makes a created or removed file name durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

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
 * by a crash), and seals it, so every older segment is sealed and the writer starts a fresh one. Nothing before the
 * last valid record is touched, and a damaged record with valid ones after it stops start-up with file:offset
 * ({@link JournalCorruptException}) instead of being cut away.
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
        long size = Files.size(newest);
        if (!hasValidHeader(newest, size)) {
            // Torn while being created: it never held a record. Its index is taken again.
            Files.delete(newest);
            fsyncDirectory(dir);
            long previousNext = segments.size() > 1 ? scan(segments.get(segments.size() - 2), false).lastSequence + 1 : 1;
            return new Result(index - 1, previousNext, newest, 0, size);
        }
        Scan scan = scan(newest, true);
        if (scan.end == JournalFormat.HEADER_BYTES && segments.size() > 1) {
            // Killed right after the segment was created: its sequence continues the previous segment's.
            scan.lastSequence = scan(segments.get(segments.size() - 2), false).lastSequence;
        }
        long next = scan.lastSequence + 1;
        if (scan.sealed) {
            return new Result(index, next, null, 0, 0);
        }
        long cut = size - scan.end;
        try (FileChannel channel = FileChannel.open(newest, StandardOpenOption.WRITE)) {
            if (cut > 0) {
                channel.truncate(scan.end);
            }
            channel.write(sealRecord(next, scan.records), scan.end);
            channel.force(true);
        }
        return new Result(index, next + 1, cut > 0 ? newest : null, scan.end, cut);
    }

    private static boolean hasValidHeader(Path segment, long size) throws IOException {
        if (size < JournalFormat.HEADER_BYTES) {
            return false;
        }
        try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.READ)) {
            ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(header, 0);
            return SegmentHeader.isValid(header);
        }
    }

    private static final class Scan {
        long end = JournalFormat.HEADER_BYTES;
        long lastSequence;
        long records;
        boolean sealed;
    }

    /**
     * Reads a segment with the loader's {@link SegmentReader}, so writer and loader agree on what a valid record is.
     * A bad record followed by valid ones is corruption, not a torn tail: recovery refuses to cut it away.
     */
    private static Scan scan(Path segment, boolean newest) throws IOException {
        Scan scan = new Scan();
        try (SegmentReader reader = SegmentReader.open(segment, newest)) {
            while (reader.next() == SegmentReader.Step.RECORD) {
                scan.lastSequence = reader.sequence();
                scan.end = reader.endOffset();
                if (reader.type() == JournalFormat.TYPE_SEAL) {
                    scan.sealed = true;
                } else {
                    scan.records++;
                }
            }
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

    /** Makes a created or removed file name durable. */
    static void fsyncDirectory(Path dir) throws IOException {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }
}

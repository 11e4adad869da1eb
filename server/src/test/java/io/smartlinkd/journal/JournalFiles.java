package io.smartlinkd.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A strict, independent reader of the journal format for tests: every segment must have a valid header, every
 * record a valid CRC, every segment must end with a seal (the journal was closed or recovered), and sequences must
 * be contiguous. Anything else fails with file and offset.
 */
public final class JournalFiles {
    public record Record(int nodeId, long segment, long offset, int type, long sequence, byte[] payload) {
        public String clickId() {
            return new String(payload, ClickLayout.CLICK_ID, ClickLayout.CLICK_ID_BYTES, StandardCharsets.US_ASCII);
        }

        public ClickLayout.Outcome outcome() {
            return ClickLayout.Outcome.of(payload[ClickLayout.OUTCOME]);
        }

        public int httpStatus() {
            return ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getShort(ClickLayout.HTTP_STATUS) & 0xFFFF;
        }

        /** Short string number {@code index} (ClickLayout order). */
        public String string(int index) {
            int at = ClickLayout.STRINGS;
            for (int i = 0; i < index; i++) {
                at += 1 + (payload[at] & 0xFF);
            }
            return new String(payload, at + 1, payload[at] & 0xFF, StandardCharsets.UTF_8);
        }
    }

    private JournalFiles() {
    }

    public static List<Path> segments(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".seg")).sorted().toList();
        }
    }

    /** Every click record of a closed journal, in order. */
    public static List<Record> clicks(Path dir) throws IOException {
        List<Record> clicks = new ArrayList<>();
        for (Record record : all(dir)) {
            if (record.type() == JournalFormat.TYPE_CLICK) {
                clicks.add(record);
            }
        }
        return clicks;
    }

    public static List<Record> all(Path dir) throws IOException {
        List<Record> records = new ArrayList<>();
        long expectedSequence = 1;
        for (Path segment : segments(dir)) {
            ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(segment)).order(ByteOrder.LITTLE_ENDIAN);
            if (bytes.limit() < JournalFormat.HEADER_BYTES || !SegmentHeader.isValid(bytes)) {
                throw new IOException(segment + ":0: bad segment header");
            }
            int node = bytes.getShort(6) & 0xFFFF;
            long index = bytes.getLong(8);
            int at = JournalFormat.HEADER_BYTES;
            boolean sealed = false;
            long inSegment = 0;
            while (at < bytes.limit()) {
                if (sealed) {
                    throw new IOException(segment + ":" + at + ": data after the seal");
                }
                int length = bytes.getInt(at);
                int type = bytes.getShort(at + 4) & 0xFFFF;
                long sequence = bytes.getLong(at + 8);
                if (length < 0 || at + JournalFormat.FRAME_BYTES + length > bytes.limit()) {
                    throw new IOException(segment + ":" + at + ": bad length " + length);
                }
                CRC32C crc = new CRC32C();
                crc.update(bytes.array(), at + 4, 12);
                crc.update(bytes.array(), at + JournalFormat.FRAME_BYTES, length);
                if (bytes.getInt(at + 16) != (int) crc.getValue()) {
                    throw new IOException(segment + ":" + at + ": CRC mismatch");
                }
                if (sequence != expectedSequence) {
                    throw new IOException(segment + ":" + at + ": sequence " + sequence + ", expected " + expectedSequence);
                }
                expectedSequence++;
                byte[] payload = new byte[length];
                System.arraycopy(bytes.array(), at + JournalFormat.FRAME_BYTES, payload, 0, length);
                if (type == JournalFormat.TYPE_SEAL) {
                    sealed = true;
                    long count = ByteBuffer.wrap(payload).order(ByteOrder.LITTLE_ENDIAN).getLong();
                    if (count != inSegment) {
                        throw new IOException(segment + ":" + at + ": seal counts " + count + ", segment has " + inSegment);
                    }
                } else {
                    inSegment++;
                    records.add(new Record(node, index, at, type, sequence, payload));
                }
                at += JournalFormat.FRAME_BYTES + length;
            }
            if (!sealed) {
                throw new IOException(segment + ":" + at + ": segment not sealed");
            }
        }
        return records;
    }
}

package io.smartlinkd.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;

/** The validated {@value JournalFormat#HEADER_BYTES}-byte header of one segment file. */
public record SegmentHeader(int nodeId, long index, long createdMs) {
    static final int VERSION_OFFSET = 4;
    static final int NODE_OFFSET = 6;
    static final int INDEX_OFFSET = 8;
    static final int CREATED_OFFSET = 16;
    static final int CRC_OFFSET = 24;

    /** Reads and checks magic, version and CRC; {@code bytes} is little-endian and holds the file from offset 0. */
    static SegmentHeader read(ByteBuffer bytes, Path file) throws JournalCorruptException {
        if (bytes.limit() < JournalFormat.HEADER_BYTES) {
            throw new JournalCorruptException(file, 0, "segment is shorter than its " + JournalFormat.HEADER_BYTES
                    + "-byte header (" + bytes.limit() + " bytes)");
        }
        byte[] magic = new byte[JournalFormat.MAGIC.length];
        bytes.get(0, magic);
        if (!Arrays.equals(magic, JournalFormat.MAGIC)) {
            throw new JournalCorruptException(file, 0, "bad magic, not a journal segment");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes.duplicate().position(0).limit(CRC_OFFSET));
        int stored = bytes.getInt(CRC_OFFSET);
        if ((int) crc.getValue() != stored) {
            throw new JournalCorruptException(file, CRC_OFFSET, "header CRC mismatch");
        }
        int version = Short.toUnsignedInt(bytes.getShort(VERSION_OFFSET));
        if (version != JournalFormat.VERSION) {
            throw new JournalCorruptException(file, VERSION_OFFSET, "unsupported journal format version " + version);
        }
        return new SegmentHeader(Short.toUnsignedInt(bytes.getShort(NODE_OFFSET)), bytes.getLong(INDEX_OFFSET),
                bytes.getLong(CREATED_OFFSET));
    }

    /** A new segment's header, ready to write. */
    static ByteBuffer encode(int nodeId, long index, long createdMs) {
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(JournalFormat.MAGIC).putShort((short) JournalFormat.VERSION).putShort((short) nodeId)
                .putLong(index).putLong(createdMs);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, CRC_OFFSET);
        header.putInt((int) crc.getValue()).putInt(0);
        return header.flip();
    }

    /** Whether {@code header} (little-endian, from offset 0) is a valid header; for recovery, which never throws. */
    static boolean isValid(ByteBuffer header) {
        try {
            read(header, Path.of("segment"));
            return true;
        } catch (JournalCorruptException e) {
            return false;
        }
    }
}

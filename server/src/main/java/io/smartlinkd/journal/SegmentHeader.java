package io.smartlinkd.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.zip.CRC32C;

/** Encodes and checks the {@value JournalFormat#HEADER_BYTES}-byte segment header of {@link JournalFormat}. */
final class SegmentHeader {
    private SegmentHeader() {
    }

    static ByteBuffer encode(int nodeId, long index, long createdMs) {
        ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        header.put(JournalFormat.MAGIC).putShort((short) JournalFormat.VERSION).putShort((short) nodeId)
                .putLong(index).putLong(createdMs);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, 24);
        header.putInt((int) crc.getValue()).putInt(0);
        return header.flip();
    }

    /** Whether {@code header} (at least 32 bytes, little-endian) is a valid header. */
    static boolean isValid(ByteBuffer header) {
        for (int i = 0; i < JournalFormat.MAGIC.length; i++) {
            if (header.get(i) != JournalFormat.MAGIC[i]) {
                return false;
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(header.array(), header.arrayOffset(), 24);
        return header.getShort(4) == JournalFormat.VERSION && header.getInt(24) == (int) crc.getValue();
    }
}

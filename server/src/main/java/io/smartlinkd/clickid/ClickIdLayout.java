package io.smartlinkd.clickid;

/**
 * Where each field of a click id lives in its 27 binary bytes, and big-endian access to them.
 * See the package documentation for the reasoning behind the layout.
 * <p>
 * Stateless and thread-safe; allocates nothing.
 */
final class ClickIdLayout {
    static final int VERSION_OFFSET = 0;
    static final int NODE_ID_OFFSET = 1;
    static final int EPOCH_MS_OFFSET = 3;
    static final int LINK_NUMBER_OFFSET = 9;
    static final int OFFER_NUMBER_OFFSET = 13;
    static final int SEQUENCE_OFFSET = 15;
    /** The MAC covers every byte before it. */
    static final int MAC_OFFSET = 19;
    static final int MAC_BYTES = 8;
    static final int BINARY_LENGTH = MAC_OFFSET + MAC_BYTES;

    static final int NODE_ID_BYTES = 2;
    static final int EPOCH_MS_BYTES = 6;
    static final int LINK_NUMBER_BYTES = 4;
    static final int OFFER_NUMBER_BYTES = 2;
    static final int SEQUENCE_BYTES = 4;

    static final int MAX_NODE_ID = 0xffff;
    static final int MAX_OFFER_NUMBER = 0xffff;
    static final long MAX_EPOCH_MS = (1L << (8 * EPOCH_MS_BYTES)) - 1;
    static final int MAX_MINTER_INDEX = 0xff;
    static final int COUNTER_BITS = 24;
    static final int COUNTER_MASK = (1 << COUNTER_BITS) - 1;

    private ClickIdLayout() {
    }

    /** Writes the fields the MAC covers. Values must already be in range. */
    static void putHeader(byte[] bytes, int nodeId, long epochMs, int linkNumber, int offerNumber, int sequence) {
        bytes[VERSION_OFFSET] = (byte) ClickId.CURRENT_VERSION;
        putBigEndian(bytes, NODE_ID_OFFSET, NODE_ID_BYTES, nodeId);
        putBigEndian(bytes, EPOCH_MS_OFFSET, EPOCH_MS_BYTES, epochMs);
        putBigEndian(bytes, LINK_NUMBER_OFFSET, LINK_NUMBER_BYTES, linkNumber);
        putBigEndian(bytes, OFFER_NUMBER_OFFSET, OFFER_NUMBER_BYTES, offerNumber);
        putBigEndian(bytes, SEQUENCE_OFFSET, SEQUENCE_BYTES, sequence);
    }

    /** Reads the fields back; the caller has checked the version and the MAC. */
    static ClickId readId(byte[] bytes) {
        return new ClickId(
                bytes[VERSION_OFFSET] & 0xff,
                (int) bigEndian(bytes, NODE_ID_OFFSET, NODE_ID_BYTES),
                bigEndian(bytes, EPOCH_MS_OFFSET, EPOCH_MS_BYTES),
                (int) bigEndian(bytes, LINK_NUMBER_OFFSET, LINK_NUMBER_BYTES),
                (int) bigEndian(bytes, OFFER_NUMBER_OFFSET, OFFER_NUMBER_BYTES),
                (int) bigEndian(bytes, SEQUENCE_OFFSET, SEQUENCE_BYTES));
    }

    static void putBigEndian(byte[] bytes, int offset, int length, long value) {
        for (int i = length - 1; i >= 0; i--) {
            bytes[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    static long bigEndian(byte[] bytes, int offset, int length) {
        long value = 0;
        for (int i = 0; i < length; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xffL);
        }
        return value;
    }
}

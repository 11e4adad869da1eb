package io.smartlinkd.journal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Flyweight over a {@link JournalFormat#TYPE_CLICK} payload, layout version 1 ({@link ClickLayout}): {@link #wrap}
 * it over the bytes of each record instead of decoding into a new object. One thread. Numeric accessors allocate
 * nothing; the String accessors allocate the String they return (JDBC needs one), the byte accessors do not.
 */
public final class ClickRecordView {
    public static final int LAYOUT_VERSION = 1;

    private final int[] stringOffsets = new int[ClickLayout.STRING_COUNT];
    private final int[] stringLengths = new int[ClickLayout.STRING_COUNT];
    private final byte[] scratch = new byte[Math.max(ClickLayout.MAX_STRING_BYTES, ClickLayout.CLICK_ID_BYTES)];
    private ByteBuffer buffer;
    private int offset;

    /**
     * Points the view at a payload and locates its strings. Returns null when the payload is well formed, or why
     * it is not (shorter than its fixed part, or a string running past its end); the caller reports it with the
     * record's file and offset.
     */
    public String wrap(ByteBuffer littleEndian, int payloadOffset, int payloadLength) {
        this.buffer = littleEndian;
        this.offset = payloadOffset;
        if (payloadLength < ClickLayout.STRINGS + ClickLayout.REQUIRED_STRING_COUNT) {
            return "click payload of " + payloadLength + " bytes is shorter than its fixed part";
        }
        int at = payloadOffset + ClickLayout.STRINGS;
        int end = payloadOffset + payloadLength;
        for (int i = 0; i < ClickLayout.STRING_COUNT; i++) {
            if (at >= end) {
                if (i >= ClickLayout.REQUIRED_STRING_COUNT) {
                    stringOffsets[i] = end;
                    stringLengths[i] = 0;
                    continue;
                }
                return "click payload ends before string " + i;
            }
            int length = Byte.toUnsignedInt(littleEndian.get(at));
            stringOffsets[i] = at + 1;
            stringLengths[i] = length;
            at += 1 + length;
        }
        if (at > end) {
            return "click payload strings run " + (at - end) + " bytes past the payload";
        }
        return null;
    }

    public long timeMs() {
        return buffer.getLong(offset + ClickLayout.TIME);
    }

    /** Whether the request got a click id (the field is not all zero bytes). */
    public boolean hasClickId() {
        for (int i = 0; i < ClickLayout.CLICK_ID_BYTES; i++) {
            if (buffer.get(offset + ClickLayout.CLICK_ID + i) != 0) {
                return true;
            }
        }
        return false;
    }

    /** The click id, or null when the request got none. */
    public String clickId() {
        if (!hasClickId()) {
            return null;
        }
        buffer.get(offset + ClickLayout.CLICK_ID, scratch, 0, ClickLayout.CLICK_ID_BYTES);
        return new String(scratch, 0, ClickLayout.CLICK_ID_BYTES, StandardCharsets.US_ASCII);
    }

    /** Copies the 36 click-id bytes into {@code destination} at {@code at}. */
    public void clickIdBytes(byte[] destination, int at) {
        buffer.get(offset + ClickLayout.CLICK_ID, destination, at, ClickLayout.CLICK_ID_BYTES);
    }

    public long linkNumber() {
        return Integer.toUnsignedLong(buffer.getInt(offset + ClickLayout.LINK_NUMBER));
    }

    public int offerNumber() {
        return Short.toUnsignedInt(buffer.getShort(offset + ClickLayout.OFFER_NUMBER));
    }

    public int ruleNumber() {
        return Short.toUnsignedInt(buffer.getShort(offset + ClickLayout.RULE_NUMBER));
    }

    public int outcomeCode() {
        return Byte.toUnsignedInt(buffer.get(offset + ClickLayout.OUTCOME));
    }

    /** The outcome, or null for a code this version does not know. */
    public ClickLayout.Outcome outcome() {
        return ClickLayout.Outcome.of(outcomeCode());
    }

    public int flags() {
        return Byte.toUnsignedInt(buffer.get(offset + ClickLayout.FLAGS));
    }

    public boolean bot() {
        return (flags() & ClickLayout.FLAG_BOT) != 0;
    }

    public boolean unique() {
        return (flags() & ClickLayout.FLAG_UNIQUE) != 0;
    }

    public boolean prefetch() {
        return (flags() & ClickLayout.FLAG_PREFETCH) != 0;
    }

    public int httpStatus() {
        return Short.toUnsignedInt(buffer.getShort(offset + ClickLayout.HTTP_STATUS));
    }

    /** Country as two ASCII characters packed into a char pair: {@link #countryFirst()}, {@link #countrySecond()}. */
    public char countryFirst() {
        return (char) Byte.toUnsignedInt(buffer.get(offset + ClickLayout.COUNTRY));
    }

    public char countrySecond() {
        return (char) Byte.toUnsignedInt(buffer.get(offset + ClickLayout.COUNTRY + 1));
    }

    /** ISO 3166 alpha-2 code, "--" when unknown. */
    public String country() {
        return String.valueOf(new char[] {countryFirst(), countrySecond()});
    }

    /** 0 unknown, 1 desktop, 2 mobile, 3 tablet, 4 other. */
    public int deviceCode() {
        return Byte.toUnsignedInt(buffer.get(offset + ClickLayout.DEVICE));
    }

    public int osCode() {
        return Byte.toUnsignedInt(buffer.get(offset + ClickLayout.OS));
    }

    public int browserCode() {
        return Byte.toUnsignedInt(buffer.get(offset + ClickLayout.BROWSER));
    }

    /** 0 none, 1 truncated IPv4 (/24), 2 truncated IPv6 (/48), 3 keyed hash. */
    public int ipForm() {
        return Byte.toUnsignedInt(buffer.get(offset + ClickLayout.IP_FORM));
    }

    /** Bytes of the IP that carry information in its form: 4 for IPv4, 16 otherwise, 0 for none. */
    public int ipLength() {
        switch (ipForm()) {
            case 0:
                return 0;
            case 1:
                return 4;
            default:
                return ClickLayout.IP_BYTES;
        }
    }

    public byte ipByte(int index) {
        return buffer.get(offset + ClickLayout.IP + index);
    }

    public int stringLength(int index) {
        return stringLengths[index];
    }

    /** Absolute offset in the buffer of string {@code index}'s UTF-8 bytes. */
    public int stringOffset(int index) {
        return stringOffsets[index];
    }

    /** Absolute offset in the buffer of the payload. */
    public int payloadOffset() {
        return offset;
    }

    public ByteBuffer buffer() {
        return buffer;
    }

    /** String {@code index} (see {@link ClickLayout#DOMAIN} ...), "" when empty. */
    public String string(int index) {
        int length = stringLengths[index];
        if (length == 0) {
            return "";
        }
        buffer.get(stringOffsets[index], scratch, 0, length);
        return new String(scratch, 0, length, StandardCharsets.UTF_8);
    }
}

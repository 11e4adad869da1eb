package io.smartlinkd.discount;

import io.smartlinkd.link.ByteRecord;
import java.nio.charset.StandardCharsets;

/**
 * The value stored per code (big-endian):
 * <pre>
 *   0  u8   format version (1)
 *   1  u8   state ({@link CodeState#code()})
 *   2  i64  issued, epoch ms (pooled: when made)
 *  10  i64  expires, epoch ms (pooled: 0)
 *  18  i64  redeemed, epoch ms (0 = not redeemed)
 *  26  i64  visitor key (0 = none)
 *  34  i64  store id (0 = none)
 *  42  36   click id, ASCII (zeros = none)
 *  78       then u8 length + UTF-8 bytes each: discount id, link id, partner, order id
 * </pre>
 * Written by event loops into reused {@link ByteRecord}s without allocating; decoded only off the hot path.
 */
public final class IssuedCodeFormat {
    public static final int VERSION = 1;
    static final int STATE = 1;
    static final int ISSUED = 2;
    static final int EXPIRES = 10;
    static final int REDEEMED = 18;
    static final int VISITOR = 26;
    static final int STORE_ID = 34;
    static final int CLICK_ID = 42;
    public static final int CLICK_ID_BYTES = 36;
    static final int STRINGS = 78;
    static final int MAX_STRING_BYTES = 255;

    private IssuedCodeFormat() {
    }

    /** Starts a record in {@code out}: header and click id; the caller appends the four strings. */
    public static void begin(ByteRecord out, CodeState state, long issuedMs, long expiresMs, long visitorKey,
                             long storeId, byte[] clickId, int clickIdLength) {
        out.clear();
        byte[] bytes = out.resize(STRINGS);
        bytes[0] = VERSION;
        bytes[STATE] = (byte) state.code();
        putLong(bytes, ISSUED, issuedMs);
        putLong(bytes, EXPIRES, expiresMs);
        putLong(bytes, REDEEMED, 0);
        putLong(bytes, VISITOR, visitorKey);
        putLong(bytes, STORE_ID, storeId);
        java.util.Arrays.fill(bytes, CLICK_ID, CLICK_ID + CLICK_ID_BYTES, (byte) 0);
        if (clickId != null) {
            System.arraycopy(clickId, 0, bytes, CLICK_ID, Math.min(clickIdLength, CLICK_ID_BYTES));
        }
    }

    /** Appends a string; longer than 255 bytes is cut (ids are limited far below that by config checks). */
    public static void string(ByteRecord out, byte[] source, int offset, int length) {
        int count = Math.min(length, MAX_STRING_BYTES);
        out.append((byte) count);
        out.append(source, offset, count);
    }

    public static void string(ByteRecord out, String text) {
        byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
        string(out, bytes, 0, bytes.length);
    }

    public static int state(ByteRecord record) {
        return record.bytes()[STATE];
    }

    public static long expiresMs(ByteRecord record) {
        return getLong(record.bytes(), EXPIRES);
    }

    public static long visitorKey(ByteRecord record) {
        return getLong(record.bytes(), VISITOR);
    }

    public static IssuedCode decode(String code, ByteRecord record) {
        return decode(code, record.bytes(), record.length());
    }

    public static IssuedCode decode(String code, byte[] bytes, int length) {
        if (length < STRINGS || bytes[0] != VERSION) {
            throw new IllegalArgumentException("issued code " + code + ": unknown record format");
        }
        int clickIdLength = 0;
        while (clickIdLength < CLICK_ID_BYTES && bytes[CLICK_ID + clickIdLength] != 0) {
            clickIdLength++;
        }
        String[] strings = new String[4];
        int at = STRINGS;
        for (int i = 0; i < strings.length; i++) {
            int count = at < length ? bytes[at] & 0xFF : 0;
            strings[i] = at < length ? new String(bytes, at + 1, count, StandardCharsets.UTF_8) : "";
            at += 1 + count;
        }
        return new IssuedCode(code, CodeState.of(bytes[STATE]), getLong(bytes, ISSUED), getLong(bytes, EXPIRES),
                getLong(bytes, REDEEMED), getLong(bytes, VISITOR), getLong(bytes, STORE_ID),
                new String(bytes, CLICK_ID, clickIdLength, StandardCharsets.US_ASCII), strings[0], strings[1],
                strings[2], strings[3]);
    }

    /** The same record redeemed by this order, in a new record. */
    static ByteRecord redeemed(ByteRecord issued, String orderId, long nowMs) {
        ByteRecord out = new ByteRecord(issued.length() + 64);
        byte[] source = issued.bytes();
        // Header and the first three strings stay; the order id replaces the fourth.
        int at = STRINGS;
        for (int i = 0; i < 3 && at < issued.length(); i++) {
            at += 1 + (source[at] & 0xFF);
        }
        out.append(source, 0, Math.min(at, issued.length()));
        out.bytes()[STATE] = (byte) CodeState.REDEEMED.code();
        putLong(out.bytes(), REDEEMED, nowMs);
        string(out, orderId);
        return out;
    }

    static void putLong(byte[] bytes, int at, long value) {
        for (int i = 7; i >= 0; i--) {
            bytes[at + i] = (byte) value;
            value >>>= 8;
        }
    }

    static long getLong(byte[] bytes, int at) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[at + i] & 0xFF);
        }
        return value;
    }
}

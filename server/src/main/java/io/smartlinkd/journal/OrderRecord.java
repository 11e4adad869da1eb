package io.smartlinkd.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * One code of one order, as a {@link JournalFormat#TYPE_ORDER} record, layout version 1 (little-endian):
 * <pre>
 *   0   8  time the order was received, epoch ms
 *   8   8  revenue attributed to this code, in millionths of the currency unit (0 when rejected, and for any
 *          further code of an order whose revenue a first code already carries)
 *  16   1  outcome: see {@link Outcome}
 *  17   1  reserved (0)
 *  18  36  click id the code was issued on (ASCII; zeros when the code is unknown)
 *  54      then short strings, each u8 length + UTF-8 bytes: source, order id, code, currency, discount id,
 *          link id, partner
 * </pre>
 * Built off the hot path (a webhook thread), so plain objects are fine here.
 */
public record OrderRecord(long timeMs, long revenueMicros, Outcome outcome, String clickId, String source,
                          String orderId, String code, String currency, String discountId, String linkId,
                          String partner) {
    public static final int LAYOUT_VERSION = 1;
    static final int STRINGS = 54;
    private static final int CLICK_ID_BYTES = 36;
    private static final int STRING_COUNT = 7;

    /** What happened to the code; stored as the ordinal. */
    public enum Outcome {
        REDEEMED, USED, EXPIRED, UNKNOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        static Outcome of(int code) {
            Outcome[] values = values();
            return code >= 0 && code < values.length ? values[code] : null;
        }
    }

    public byte[] encode() {
        ByteBuffer out = ByteBuffer.allocate(STRINGS + STRING_COUNT * 256).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(timeMs).putLong(revenueMicros).put((byte) outcome.ordinal()).put((byte) 0);
        byte[] id = clickId == null ? new byte[0] : clickId.getBytes(StandardCharsets.US_ASCII);
        out.put(id, 0, Math.min(id.length, CLICK_ID_BYTES));
        out.position(STRINGS);
        for (String text : new String[] {source, orderId, code, currency, discountId, linkId, partner}) {
            byte[] bytes = text == null ? new byte[0] : text.getBytes(StandardCharsets.UTF_8);
            int count = Math.min(bytes.length, 255);
            out.put((byte) count).put(bytes, 0, count);
        }
        byte[] payload = new byte[out.position()];
        out.flip().get(payload);
        return payload;
    }

    /** Decodes a payload; null when it is not a well-formed version 1 order. */
    public static OrderRecord decode(byte[] payload, int offset, int length) {
        if (length < STRINGS) {
            return null;
        }
        ByteBuffer in = ByteBuffer.wrap(payload, offset, length).order(ByteOrder.LITTLE_ENDIAN);
        long time = in.getLong();
        long revenue = in.getLong();
        Outcome outcome = Outcome.of(in.get());
        in.get();
        int idLength = 0;
        while (idLength < CLICK_ID_BYTES && payload[offset + 18 + idLength] != 0) {
            idLength++;
        }
        String clickId = new String(payload, offset + 18, idLength, StandardCharsets.US_ASCII);
        String[] strings = new String[STRING_COUNT];
        int at = offset + STRINGS;
        int end = offset + length;
        for (int i = 0; i < STRING_COUNT; i++) {
            if (at >= end) {
                return null;
            }
            int count = payload[at] & 0xFF;
            if (at + 1 + count > end) {
                return null;
            }
            strings[i] = new String(payload, at + 1, count, StandardCharsets.UTF_8);
            at += 1 + count;
        }
        if (outcome == null) {
            return null;
        }
        return new OrderRecord(time, revenue, outcome, clickId, strings[0], strings[1], strings[2], strings[3],
                strings[4], strings[5], strings[6]);
    }
}

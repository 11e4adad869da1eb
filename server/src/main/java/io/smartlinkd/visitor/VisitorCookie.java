package io.smartlinkd.visitor;

import io.smartlinkd.clickid.Base64Url;
import io.smartlinkd.clickid.SipHash24;

/**
 * The visitor cookie value: 21 bytes as 28 base64url characters.
 * <pre>
 *   0   1  version (1)
 *   1  10  visitor id: 80 random-looking bits, see {@link VisitorIds}
 *  11   2  visits so far, big-endian, saturating at 65535
 *  13   8  MAC: SipHash-2-4 of bytes 0..12 under the cookie key, little-endian
 * </pre>
 * The MAC makes the visit count and the id unforgeable: a client can drop or replay its own cookie, never invent
 * one. A value whose length, alphabet, version or MAC is wrong is not ours and is ignored by the caller. The MAC is
 * compared as one 64-bit word ({@code (expected ^ received) == 0}), so the time taken does not depend on how many
 * leading bytes matched.
 *
 * <p>Immutable and thread-safe; callers pass their own scratch arrays, so nothing is allocated.
 */
public final class VisitorCookie {
    public static final int ID_BYTES = 10;
    public static final int MAX_VISITS = 0xffff;
    /** Length of the cookie value in characters. */
    public static final int TEXT_CHARS = 28;
    /** Length of the scratch array callers pass. */
    public static final int RAW_BYTES = 21;

    static final int VERSION = 1;
    private static final int ID = 1;
    private static final int VISITS = 11;
    private static final int MAC = 13;

    private final long k0;
    private final long k1;

    public VisitorCookie(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /** Writes the {@value #TEXT_CHARS}-character value for {@code id} and {@code visits} into {@code text}. */
    public void encode(byte[] id, int visits, byte[] raw, byte[] text, int textOffset) {
        int saturated = Math.min(Math.max(visits, 0), MAX_VISITS);
        raw[0] = VERSION;
        System.arraycopy(id, 0, raw, ID, ID_BYTES);
        raw[VISITS] = (byte) (saturated >>> 8);
        raw[VISITS + 1] = (byte) saturated;
        long mac = SipHash24.hash(k0, k1, raw, 0, MAC);
        for (int i = 0; i < 8; i++) {
            raw[MAC + i] = (byte) (mac >>> (8 * i));
        }
        Base64Url.encode(raw, 0, RAW_BYTES, text, textOffset);
    }

    /**
     * Reads {@code text[start, end)}: on success copies the id into {@code id} and returns the visit count
     * (0..65535); returns -1 for anything that is not a value this key signed.
     */
    public int decode(CharSequence text, int start, int end, byte[] raw, byte[] id) {
        if (end - start != TEXT_CHARS || !Base64Url.decode(text, start, TEXT_CHARS, raw, 0)) {
            return -1;
        }
        long received = 0;
        for (int i = 7; i >= 0; i--) {
            received = received << 8 | (raw[MAC + i] & 0xffL);
        }
        long expected = SipHash24.hash(k0, k1, raw, 0, MAC);
        if (((expected ^ received) | (raw[0] ^ VERSION)) != 0) {
            return -1;
        }
        System.arraycopy(raw, ID, id, 0, ID_BYTES);
        return (raw[VISITS] & 0xff) << 8 | (raw[VISITS + 1] & 0xff);
    }
}

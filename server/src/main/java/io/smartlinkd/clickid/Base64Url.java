package io.smartlinkd.clickid;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Base64url (RFC 4648 section 5) without padding, for whole 3-byte groups only, so every group is exactly four
 * characters and there are no leftover bits that could give one value two spellings.
 * <p>
 * Stateless and thread-safe; allocates nothing.
 */
public final class Base64Url {
    private static final byte[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".getBytes(StandardCharsets.US_ASCII);
    /** ASCII character to its 6-bit value, or -1 for a character outside the alphabet. */
    private static final byte[] VALUES = new byte[128];

    static {
        Arrays.fill(VALUES, (byte) -1);
        for (int i = 0; i < ALPHABET.length; i++) {
            VALUES[ALPHABET[i]] = (byte) i;
        }
    }

    private Base64Url() {
    }

    /**
     * Encodes {@code length} bytes (a multiple of 3) from {@code src} as {@code 4 * length / 3} ASCII characters.
     */
    public static void encode(byte[] src, int srcOffset, int length, byte[] dst, int dstOffset) {
        int out = dstOffset;
        for (int in = srcOffset, end = srcOffset + length; in < end; in += 3) {
            int group = (src[in] & 0xff) << 16 | (src[in + 1] & 0xff) << 8 | (src[in + 2] & 0xff);
            dst[out] = ALPHABET[group >>> 18];
            dst[out + 1] = ALPHABET[(group >>> 12) & 0x3f];
            dst[out + 2] = ALPHABET[(group >>> 6) & 0x3f];
            dst[out + 3] = ALPHABET[group & 0x3f];
            out += 4;
        }
    }

    /**
     * Decodes {@code length} characters (a multiple of 4) from {@code src} into {@code 3 * length / 4} bytes.
     *
     * @return false if any character is outside the alphabet, in which case {@code dst} holds garbage
     */
    public static boolean decode(CharSequence src, int srcOffset, int length, byte[] dst, int dstOffset) {
        int invalid = 0;
        int out = dstOffset;
        for (int in = srcOffset, end = srcOffset + length; in < end; in += 4) {
            int a = value(src.charAt(in));
            int b = value(src.charAt(in + 1));
            int c = value(src.charAt(in + 2));
            int d = value(src.charAt(in + 3));
            invalid |= a | b | c | d; // negative once any character was -1
            int group = a << 18 | b << 12 | c << 6 | d;
            dst[out] = (byte) (group >>> 16);
            dst[out + 1] = (byte) (group >>> 8);
            dst[out + 2] = (byte) group;
            out += 3;
        }
        return invalid >= 0;
    }

    private static int value(char c) {
        return c < VALUES.length ? VALUES[c] : -1;
    }
}

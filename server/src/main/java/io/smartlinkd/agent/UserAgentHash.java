package io.smartlinkd.agent;

import io.smartlinkd.text.ByteChars;

/**
 * A seeded 64-bit hash of a user agent's chars, computed through {@link CharSequence#charAt} without copying or
 * allocating. Four chars are folded into one 64-bit word per round (two multiplications), so a typical 150-char user
 * agent costs about 40 rounds; the finaliser is MurmurHash3's fmix64.
 *
 * <p>Not a cryptographic hash. The seed is random per process, so collisions cannot be prepared from outside; a
 * collision would only make one user agent take another's cached classification, and {@link ClassificationCache}
 * stores all 64 bits to make that negligible.
 */
final class UserAgentHash {
    private static final long P1 = 0x9E37_79B1_85EB_CA87L;
    private static final long P2 = 0xC2B2_AE3D_27D4_EB4FL;

    private UserAgentHash() {
    }

    static long hash(CharSequence chars, long seed) {
        if (chars instanceof ByteChars) {
            return hash((ByteChars) chars, seed);
        }
        int length = chars.length();
        long acc = seed ^ (length * P1);
        int i = 0;
        for (int end = length - 3; i < end; i += 4) {
            long word = chars.charAt(i)
                    | (long) chars.charAt(i + 1) << 16
                    | (long) chars.charAt(i + 2) << 32
                    | (long) chars.charAt(i + 3) << 48;
            acc = round(acc, word);
        }
        if (i < length) {
            long word = 0;
            for (int shift = 0; i < length; i++, shift += 16) {
                word |= (long) chars.charAt(i) << shift;
            }
            acc = round(acc, word);
        }
        return fmix64(acc);
    }

    /** The same hash read straight from the view's bytes (a request header's), one char per byte. */
    private static long hash(ByteChars chars, long seed) {
        byte[] bytes = chars.bytes();
        int offset = chars.offset();
        int length = chars.length();
        long acc = seed ^ (length * P1);
        int i = 0;
        for (int end = length - 3; i < end; i += 4) {
            int at = offset + i;
            long word = (bytes[at] & 0xFFL)
                    | (bytes[at + 1] & 0xFFL) << 16
                    | (bytes[at + 2] & 0xFFL) << 32
                    | (bytes[at + 3] & 0xFFL) << 48;
            acc = round(acc, word);
        }
        if (i < length) {
            long word = 0;
            for (int shift = 0; i < length; i++, shift += 16) {
                word |= (bytes[offset + i] & 0xFFL) << shift;
            }
            acc = round(acc, word);
        }
        return fmix64(acc);
    }

    private static long round(long acc, long word) {
        return Long.rotateLeft(acc ^ (word * P2), 31) * P1;
    }

    private static long fmix64(long h) {
        h ^= h >>> 33;
        h *= 0xFF51_AFD7_ED55_8CCDL;
        h ^= h >>> 33;
        h *= 0xC4CE_B9FE_1A85_EC53L;
        h ^= h >>> 33;
        return h;
    }
}

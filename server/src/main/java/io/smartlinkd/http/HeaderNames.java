package io.smartlinkd.http;

import java.nio.charset.StandardCharsets;

/**
 * The request header fields the click path reads, by number, and a case-insensitive match of a field name in the
 * request bytes against them without building a name object. Every other field is validated and skipped.
 */
final class HeaderNames {
    static final int HOST = 0;
    static final int USER_AGENT = 1;
    static final int COOKIE = 2;
    static final int ACCEPT_LANGUAGE = 3;
    static final int REFERER = 4;
    static final int SEC_PURPOSE = 5;
    static final int PURPOSE = 6;
    static final int X_MOZ = 7;
    static final int X_PURPOSE = 8;
    static final int CONTENT_LENGTH = 9;
    static final int TRANSFER_ENCODING = 10;
    /** May repeat; every line is kept, in order. */
    static final int X_FORWARDED_FOR = 11;
    /** May repeat; read for its {@code close} and {@code keep-alive} tokens only. */
    static final int CONNECTION = 12;
    static final int NONE = -1;

    /** Lower case, by number. */
    private static final byte[][] NAMES = {
        ascii("host"), ascii("user-agent"), ascii("cookie"), ascii("accept-language"), ascii("referer"),
        ascii("sec-purpose"), ascii("purpose"), ascii("x-moz"), ascii("x-purpose"), ascii("content-length"),
        ascii("transfer-encoding"), ascii("x-forwarded-for"), ascii("connection")};

    /** Field numbers by name length: a header line is compared only with the names as long as its own. */
    private static final int[][] BY_LENGTH = byLength();

    /** The number of fields that keep one value (the first); the rest are handled apart. */
    static final int SINGLE_VALUED = X_FORWARDED_FOR;

    private HeaderNames() {
    }

    /**
     * The number of the field named by {@code bytes[start, end)}, or {@link #NONE}. The name must already be a valid
     * token: folding with {@code | 0x20} is then exact, as our names hold only letters and {@code -}.
     */
    static int match(byte[] bytes, int start, int end) {
        int length = end - start;
        if (length >= BY_LENGTH.length) {
            return NONE;
        }
        for (int id : BY_LENGTH[length]) {
            if (equalsLowerCase(bytes, start, NAMES[id])) {
                return id;
            }
        }
        return NONE;
    }

    private static boolean equalsLowerCase(byte[] bytes, int start, byte[] lowerCase) {
        for (int i = 0; i < lowerCase.length; i++) {
            if ((bytes[start + i] | 0x20) != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private static int[][] byLength() {
        int longest = 0;
        for (byte[] name : NAMES) {
            longest = Math.max(longest, name.length);
        }
        int[][] byLength = new int[longest + 1][];
        for (int length = 0; length <= longest; length++) {
            int count = 0;
            for (byte[] name : NAMES) {
                count += name.length == length ? 1 : 0;
            }
            byLength[length] = new int[count];
            count = 0;
            for (int id = 0; id < NAMES.length; id++) {
                if (NAMES[id].length == length) {
                    byLength[length][count++] = id;
                }
            }
        }
        return byLength;
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

package io.smartlinkd.routing;

import static io.smartlinkd.text.CharScan.indexOf;
import static io.smartlinkd.text.CharScan.skipSpaces;
import static io.smartlinkd.text.CharScan.trimEnd;

/**
 * Primary language tags packed into an int: up to three lower-case ASCII letters, {@code (c0 << 16) | (c1 << 8) | c2}
 * ({@code c2} = 0 for two-letter tags); 0 = no language. Stateless; allocation-free.
 */
public final class Languages {
    public static final int NONE = 0;

    private Languages() {
    }

    /** The packed tag for {@code de} or {@code fil}; 0 when the text is not 2 or 3 ASCII letters. */
    public static int pack(CharSequence tag) {
        return pack(tag, 0, tag.length());
    }

    /** The tag written back as text (admin and explain output). */
    public static String unpack(int packed) {
        if (packed == NONE) {
            return "";
        }
        StringBuilder text = new StringBuilder(3).append((char) (packed >>> 16)).append((char) ((packed >>> 8) & 0xFF));
        if ((packed & 0xFF) != 0) {
            text.append((char) (packed & 0xFF));
        }
        return text.toString();
    }

    /**
     * The primary subtag of the visitor's preferred language in an {@code Accept-Language} header: the range with
     * the highest q (the first of equal ones), skipping {@code *}, q=0 and malformed ranges. {@code de-AT,de;q=0.9}
     * gives {@code de}. 0 when the header is null or names no language.
     */
    public static int primary(CharSequence header) {
        if (header == null) {
            return NONE;
        }
        int best = NONE;
        int bestQ = 0;
        int length = header.length();
        int at = 0;
        // q never exceeds 1000 and a later range must beat the best strictly: a range at q=1 ends the search.
        while (at < length && bestQ < 1000) {
            int end = indexOf(header, ',', at, length);
            int paramsStart = indexOf(header, ';', at, end);
            int tagStart = skipSpaces(header, at, paramsStart);
            int tagEnd = trimEnd(header, tagStart, paramsStart);
            int primaryEnd = indexOf(header, '-', tagStart, tagEnd);
            int tag = pack(header, tagStart, primaryEnd);
            if (tag != NONE) {
                int q = quality(header, paramsStart, end);
                if (q > bestQ) {
                    best = tag;
                    bestQ = q;
                }
            }
            at = end + 1;
        }
        return best;
    }

    /** q in thousandths (1000 when not given), or 0 when malformed. */
    private static int quality(CharSequence header, int from, int to) {
        int at = from;
        while (at < to) {
            int paramEnd = indexOf(header, ';', at + 1, to);
            int nameStart = skipSpaces(header, at + 1, paramEnd);
            if (nameStart + 1 < paramEnd && (header.charAt(nameStart) | 0x20) == 'q'
                    && header.charAt(nameStart + 1) == '=') {
                return parseQ(header, nameStart + 2, trimEnd(header, nameStart + 2, paramEnd));
            }
            at = paramEnd;
        }
        return 1000;
    }

    private static int parseQ(CharSequence text, int from, int to) {
        if (from >= to) {
            return 0;
        }
        char first = text.charAt(from);
        if (first != '0' && first != '1') {
            return 0;
        }
        int value = (first - '0') * 1000;
        if (from + 1 == to) {
            return value;
        }
        if (text.charAt(from + 1) != '.' || to - from > 5) {
            return 0;
        }
        int scale = 100;
        for (int i = from + 2; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return 0;
            }
            value += (c - '0') * scale;
            scale /= 10;
        }
        return Math.min(value, 1000);
    }

    private static int pack(CharSequence text, int from, int to) {
        int length = to - from;
        if (length < 2 || length > 3) {
            return NONE;
        }
        int packed = 0;
        for (int i = 0; i < 3; i++) {
            int c = 0;
            if (i < length) {
                c = text.charAt(from + i) | 0x20;
                if (c < 'a' || c > 'z') {
                    return NONE;
                }
            }
            packed = (packed << 8) | c;
        }
        return packed;
    }



}

package io.smartlinkd.text;

/**
 * Allocation-free scanning of request text (URIs and header values) by index range, for the click path, where
 * {@code String.split}, regexes and substrings would allocate.
 */
public final class CharScan {
    private CharScan() {
    }

    /** The index of the first {@code c} in [from, to), or {@code to} when there is none. */
    public static int indexOf(CharSequence text, char c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == c) {
                return i;
            }
        }
        return to;
    }

    /** The first index in [from, to) that is not a space or tab, or {@code to}. */
    public static int skipSpaces(CharSequence text, int from, int to) {
        int at = from;
        while (at < to && isSpace(text.charAt(at))) {
            at++;
        }
        return at;
    }

    /** The end of [from, to) without its trailing spaces and tabs. */
    public static int trimEnd(CharSequence text, int from, int to) {
        int end = to;
        while (end > from && isSpace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}

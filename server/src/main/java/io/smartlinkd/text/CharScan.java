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

    /** Whether {@code text} holds {@code part} at {@code from}, char for char. */
    public static boolean regionMatches(CharSequence text, int from, String part) {
        if (from < 0 || from + part.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            if (text.charAt(from + i) != part.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code part} occurs anywhere in {@code text} (case-sensitive). */
    public static boolean contains(CharSequence text, String part) {
        for (int at = 0; at + part.length() <= text.length(); at++) {
            if (regionMatches(text, at, part)) {
                return true;
            }
        }
        return false;
    }

    /** Like {@link #regionMatches}, ASCII letters compared in any case. */
    public static boolean regionMatchesIgnoreCase(CharSequence text, int from, String part) {
        if (from < 0 || from + part.length() > text.length()) {
            return false;
        }
        for (int i = 0; i < part.length(); i++) {
            char a = text.charAt(from + i);
            char b = part.charAt(i);
            if (a != b && Character.toLowerCase(a) != Character.toLowerCase(b)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}

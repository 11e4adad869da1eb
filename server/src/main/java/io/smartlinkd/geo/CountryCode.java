package io.smartlinkd.geo;

/**
 * ISO 3166-1 alpha-2 country codes packed into an int as {@code (c0 << 8) | c1}, ASCII upper case ({@code "DE"} is
 * {@code 0x4445}); {@link #UNKNOWN} (0) when the country is not known. Packed codes fit in a {@code char}, compare
 * with {@code ==} and are written to a click record as two bytes without a String.
 */
public final class CountryCode {
    /** No country: a private or reserved address, or one the database does not know. */
    public static final int UNKNOWN = 0;

    private CountryCode() {
    }

    /** The packed code of two ASCII letters in either case, or {@link #UNKNOWN} when they are not letters. */
    public static int of(char c0, char c1) {
        int a = upper(c0);
        int b = upper(c1);
        return a == 0 || b == 0 ? UNKNOWN : (a << 8) | b;
    }

    /** The packed code of a two-letter string such as {@code "de"} or {@code "DE"}; {@link #UNKNOWN} otherwise. */
    public static int of(String code) {
        return code == null || code.length() != 2 ? UNKNOWN : of(code.charAt(0), code.charAt(1));
    }

    /** The first letter as an ASCII byte; only meaningful when {@code packed != UNKNOWN}. */
    public static byte first(int packed) {
        return (byte) (packed >>> 8);
    }

    /** The second letter as an ASCII byte; only meaningful when {@code packed != UNKNOWN}. */
    public static byte second(int packed) {
        return (byte) packed;
    }

    /** {@code "DE"}, or null for {@link #UNKNOWN}. Allocates; not for the hot path. */
    public static String toString(int packed) {
        return packed == UNKNOWN ? null : new String(new char[] {(char) (packed >>> 8), (char) (packed & 0xFF)});
    }

    private static int upper(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c;
        }
        if (c >= 'a' && c <= 'z') {
            return c - ('a' - 'A');
        }
        return 0;
    }
}

package io.smartlinkd.routing;

/**
 * Country codes as click facts carry them: two upper-case ASCII letters packed as {@code (c0 << 8) | c1}; 0 =
 * unknown. {@link #index} maps them onto 0..675 for bitsets. Stateless; allocation-free.
 */
public final class CountryCodes {
    public static final int UNKNOWN = 0;
    public static final int COUNT = 26 * 26;

    private CountryCodes() {
    }

    public static int pack(CharSequence code) {
        if (code == null || code.length() != 2) {
            return UNKNOWN;
        }
        int packed = (code.charAt(0) << 8) | code.charAt(1);
        return index(packed) < 0 ? UNKNOWN : packed;
    }

    /** 0..675 for two upper-case letters, else -1. */
    public static int index(int packed) {
        int c0 = (packed >>> 8) - 'A';
        int c1 = (packed & 0xFF) - 'A';
        return packed >>> 16 == 0 && c0 >= 0 && c0 < 26 && c1 >= 0 && c1 < 26 ? c0 * 26 + c1 : -1;
    }

    public static String unpack(int packed) {
        return index(packed) < 0 ? "unknown" : "" + (char) (packed >>> 8) + (char) (packed & 0xFF);
    }
}

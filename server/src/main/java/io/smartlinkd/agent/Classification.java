package io.smartlinkd.agent;

/**
 * The layout of a user agent's classification packed into the low 32 bits of a long, so the hot path passes it
 * around without objects: device code (bits 0-7), OS code (8-15), browser code (16-23), bot (24), final (25) and,
 * inside the cache only, the generation of the bot rules it was made with (26-31). Codes are {@link Families}'
 * codes. Final means it came from the full parse on the background thread; otherwise it is the token scanner's
 * provisional answer.
 */
final class Classification {
    static final long BOT = 1L << 24;
    static final long FINAL = 1L << 25;
    static final long MASK = 0xFFFF_FFFFL;
    static final int GENERATIONS = 64;

    private static final int GENERATION_SHIFT = 26;
    private static final long GENERATION_MASK = (long) (GENERATIONS - 1) << GENERATION_SHIFT;

    private static final int CODE_BITS = 8;
    private static final int CODE_MASK = (1 << CODE_BITS) - 1;

    /** No user agent at all: no browser sends none, so it is a script or a bot. */
    static final long ABSENT = of(Families.DEVICE_OTHER, Families.OTHER, Families.OTHER, true, true);

    private Classification() {
    }

    static long of(int device, int os, int browser, boolean bot, boolean isFinal) {
        return (device & CODE_MASK)
                | (long) (os & CODE_MASK) << CODE_BITS
                | (long) (browser & CODE_MASK) << 2 * CODE_BITS
                | (bot ? BOT : 0)
                | (isFinal ? FINAL : 0);
    }

    static int device(long value) {
        return (int) value & CODE_MASK;
    }

    static int os(long value) {
        return (int) (value >>> CODE_BITS) & CODE_MASK;
    }

    static int browser(long value) {
        return (int) (value >>> 2 * CODE_BITS) & CODE_MASK;
    }

    static boolean bot(long value) {
        return (value & BOT) != 0;
    }

    static boolean isFinal(long value) {
        return (value & FINAL) != 0;
    }

    static int generation(long value) {
        return (int) ((value & GENERATION_MASK) >>> GENERATION_SHIFT);
    }

    static long withGeneration(long value, int generation) {
        return (value & ~GENERATION_MASK) | ((long) (generation & (GENERATIONS - 1)) << GENERATION_SHIFT);
    }

    static long withoutGeneration(long value) {
        return value & ~GENERATION_MASK;
    }

    static String describe(long value) {
        return Families.deviceName(device(value)) + "/" + Families.osName(os(value)) + "/"
                + Families.browserName(browser(value)) + (bot(value) ? "/bot" : "") + (isFinal(value) ? "" : "/provisional");
    }
}

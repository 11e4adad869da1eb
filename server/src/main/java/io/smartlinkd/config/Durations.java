package io.smartlinkd.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as written in config: a plain integer is milliseconds, or a number with ms, s, m, h or d. */
final class Durations {
    /** Not a duration. */
    static final long INVALID = -1;

    // At most 12 digits, so even hours cannot overflow a long of milliseconds (days are checked).
    private static final Pattern DURATION = Pattern.compile("([0-9]{1,12})(ms|s|m|h|d)?");

    private Durations() {
    }

    static long parseMs(String text) {
        Matcher matcher = DURATION.matcher(text.trim());
        if (!matcher.matches()) {
            return INVALID;
        }
        long amount = Long.parseLong(matcher.group(1));
        String unit = matcher.group(2);
        if (unit == null || unit.equals("ms")) {
            return amount;
        }
        switch (unit) {
            case "s":
                return amount * 1_000;
            case "m":
                return amount * 60_000;
            case "h":
                return amount * 3_600_000;
            default:
                return amount > Long.MAX_VALUE / 86_400_000 ? INVALID : amount * 86_400_000;
        }
    }

    /** The shortest exact form, e.g. {@code 10m}, {@code 1500ms}. */
    static String format(long ms) {
        if (ms == 0) {
            return "0";
        }
        if (ms % 86_400_000 == 0) {
            return ms / 86_400_000 + "d";
        }
        if (ms % 3_600_000 == 0) {
            return ms / 3_600_000 + "h";
        }
        if (ms % 60_000 == 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}

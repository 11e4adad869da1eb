package io.smartlinkd.config;

/**
 * Parses hours of the day such as {@code "9-17"}, {@code "22-6"} or {@code "9-12, 14-18"} into a 24-bit mask.
 * A range runs from its first hour up to, not including, its last: {@code 9-17} is 09:00 to 16:59, like opening
 * hours. A range may wrap past midnight; a single number is that one hour; {@code 0-24} is the whole day.
 */
final class HourRanges {
    static final int ALL_HOURS = (1 << 24) - 1;

    private HourRanges() {
    }

    /** @throws IllegalArgumentException with the reason */
    static int parse(String text) {
        int mask = 0;
        for (String part : text.split(",", -1)) {
            String range = part.trim();
            int dash = range.indexOf('-');
            if (dash < 0) {
                mask |= 1 << hour(range, 23);
                continue;
            }
            int from = hour(range.substring(0, dash).trim(), 23);
            int to = hour(range.substring(dash + 1).trim(), 24);
            int end = to % 24;
            if (from == end) {
                if (from != 0 || to != 24) {
                    throw new IllegalArgumentException("the range " + Messages.quote(range)
                            + " is empty; write 0-24 for the whole day");
                }
                mask = ALL_HOURS;
                continue;
            }
            for (int hour = from; hour != end; hour = (hour + 1) % 24) {
                mask |= 1 << hour;
            }
        }
        return mask;
    }

    private static int hour(String text, int max) {
        int value = -1;
        if (!text.isEmpty() && text.length() <= 2 && text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            value = Integer.parseInt(text);
        }
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("expected hours such as \"9-17\" or \"22-6, 12\" (0 to 24), got "
                    + Messages.quote(text));
        }
        return value;
    }
}

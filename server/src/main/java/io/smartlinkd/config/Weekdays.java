package io.smartlinkd.config;

import java.util.List;
import java.util.Locale;

/**
 * Parses days of the week ({@code mon}..{@code sun} or full names, and ranges such as {@code mon-fri} or
 * {@code fri-mon}) into a 7-bit mask, bit 0 = Monday.
 */
final class Weekdays {
    static final List<String> SHORT_NAMES = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
    private static final List<String> FULL_NAMES = List.of("monday", "tuesday", "wednesday", "thursday", "friday",
            "saturday", "sunday");

    private Weekdays() {
    }

    /** @throws IllegalArgumentException with the reason */
    static int parse(String item) {
        String text = item.trim().toLowerCase(Locale.ROOT);
        int dash = text.indexOf('-');
        if (dash < 0) {
            return 1 << day(text);
        }
        int from = day(text.substring(0, dash).trim());
        int to = day(text.substring(dash + 1).trim());
        int mask = 0;
        for (int day = from; ; day = (day + 1) % 7) {
            mask |= 1 << day;
            if (day == to) {
                return mask;
            }
        }
    }

    private static int day(String name) {
        int index = SHORT_NAMES.indexOf(name);
        if (index < 0) {
            index = FULL_NAMES.indexOf(name);
        }
        if (index < 0) {
            throw new IllegalArgumentException("expected a weekday (" + Messages.list(SHORT_NAMES)
                    + ") or a range such as mon-fri, got " + Messages.quote(name));
        }
        return index;
    }
}

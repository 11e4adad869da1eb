package io.smartlinkd.config;

/**
 * Parses a visit-count condition: {@code "1"} or {@code "=1"}, {@code ">3"}, {@code ">=3"}, {@code "<3"},
 * {@code "<=3"}, or a range {@code "2-5"} (both ends included). The first visit is visit 1.
 */
final class VisitRanges {
    private VisitRanges() {
    }

    /** @throws IllegalArgumentException with the reason */
    static Conditions.VisitRange parse(String written) {
        String text = written.trim();
        int dash = text.indexOf('-');
        if (dash > 0) {
            return range(number(text.substring(0, dash)), number(text.substring(dash + 1)), written);
        }
        if (text.startsWith(">=")) {
            return range(number(text.substring(2)), Integer.MAX_VALUE, written);
        }
        if (text.startsWith("<=")) {
            return range(1, number(text.substring(2)), written);
        }
        if (text.startsWith(">")) {
            int after = number(text.substring(1));
            return range(after == Integer.MAX_VALUE ? after : after + 1, Integer.MAX_VALUE, written);
        }
        if (text.startsWith("<")) {
            return range(1, number(text.substring(1)) - 1, written);
        }
        int exact = number(text.startsWith("=") ? text.substring(1) : text);
        return range(exact, exact, written);
    }

    private static Conditions.VisitRange range(int min, int max, String written) {
        if (max < Math.max(min, 1)) {
            throw new IllegalArgumentException("visits " + Messages.quote(written)
                    + " matches no visit (the first visit is 1)");
        }
        return new Conditions.VisitRange(Math.max(min, 1), max);
    }

    private static int number(String text) {
        String digits = text.trim();
        if (digits.isEmpty() || digits.length() > 9 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("expected visits such as \"=1\", \">3\", \"<3\" or \"2-5\", got "
                    + Messages.quote(text.trim()));
        }
        return Integer.parseInt(digits);
    }
}

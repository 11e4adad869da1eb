package io.smartlinkd.config;

import java.util.List;

/** Formatting shared by error messages: quoting user text safely and listing choices. */
final class Messages {
    private static final int MAX_QUOTED_CHARS = 80;

    private Messages() {
    }

    /**
     * The text in single quotes with control characters escaped and long text cut, so a hostile or broken value
     * cannot forge extra lines in a log or flood it.
     */
    static String quote(String text) {
        StringBuilder quoted = new StringBuilder(Math.min(text.length(), MAX_QUOTED_CHARS) + 8).append('\'');
        int shown = Math.min(text.length(), MAX_QUOTED_CHARS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            if (isControl(c)) {
                quoted.append(String.format("\\u%04X", (int) c));
            } else {
                quoted.append(c);
            }
        }
        if (shown < text.length()) {
            quoted.append("...");
        }
        return quoted.append('\'').toString();
    }

    /** Characters that break a line or are invisible in a terminal: C0, DEL, NEL and the Unicode line separators. */
    static boolean isControl(char c) {
        return c < 0x20 || c == 0x7F || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    static String list(List<String> choices) {
        return String.join(", ", choices);
    }
}

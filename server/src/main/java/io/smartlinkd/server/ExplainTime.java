package io.smartlinkd.server;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** The {@code at} of an explain request: an ISO-8601 instant ({@code 2026-11-23T18:00:00Z}) or epoch milliseconds. */
public final class ExplainTime {
    private ExplainTime() {
    }

    /** Null for null (now); otherwise epoch ms, or IllegalArgumentException naming the accepted forms. */
    public static Long parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            // not epoch milliseconds: try an instant
        }
        try {
            return Instant.parse(text).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("at must be an ISO-8601 instant such as 2026-11-23T18:00:00Z, or epoch"
                    + " milliseconds (got " + text + ")");
        }
    }
}

package io.smartlinkd.http;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The {@code Date:} header line, re-encoded at most once per second. Not thread-safe: one per event loop.
 */
final class HttpDate {
    private long second = Long.MIN_VALUE;
    private byte[] line;

    byte[] line(long epochMs) {
        long now = epochMs / 1000;
        if (now != second) {
            second = now;
            String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochSecond(now).atOffset(ZoneOffset.UTC));
            line = ("Date: " + date + "\r\n").getBytes(StandardCharsets.US_ASCII);
        }
        return line;
    }
}

package io.smartlinkd.http;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;

/**
 * Logs each distinct cause (exception class and message) once a minute at most, so a flood of bad connections
 * cannot flood the log. Thread-safe.
 */
public final class ErrorLog {
    private static final long INTERVAL_MS = 60_000;
    private static final int MAX_CAUSES = 1024;
    private static final Map<String, Long> LAST_LOGGED = new ConcurrentHashMap<>();

    private ErrorLog() {
    }

    public static void once(Logger log, String what, Throwable cause) {
        String key = cause.getClass().getName() + ":" + cause.getMessage();
        long now = System.currentTimeMillis();
        Long last = LAST_LOGGED.get(key);
        if (last != null && now - last < INTERVAL_MS) {
            return;
        }
        if (LAST_LOGGED.size() > MAX_CAUSES) {
            LAST_LOGGED.clear();
        }
        LAST_LOGGED.put(key, now);
        log.warn("{}: {}", what, cause.toString());
    }
}

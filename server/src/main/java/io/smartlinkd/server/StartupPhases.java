package io.smartlinkd.server;

import java.lang.management.ManagementFactory;

/**
 * Times the steps of a start, for one log line that tells an operator where a slow start went: each step's
 * milliseconds, and the JVM's own start before {@code main}.
 */
final class StartupPhases {
    private final StringBuilder steps = new StringBuilder();
    private long last = System.nanoTime();

    /** Ends the step that ran since the previous one (or since this was made). */
    void done(String step) {
        long now = System.nanoTime();
        steps.append(steps.length() == 0 ? "" : ", ").append(step).append(' ').append((now - last) / 1_000_000)
                .append(" ms");
        last = now;
    }

    /** "ready N ms after the JVM started (steps...)". */
    String summary() {
        long sinceJvmStart = ManagementFactory.getRuntimeMXBean().getUptime();
        return "ready " + sinceJvmStart + " ms after the JVM started (" + steps + ")";
    }
}

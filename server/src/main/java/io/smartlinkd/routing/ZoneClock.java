package io.smartlinkd.routing;

import java.time.Instant;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;

/**
 * Local time in one time zone without allocating per call: it caches the zone's UTC offset together with the span
 * between the surrounding offset transitions, and recomputes (allocating a little) only when a time falls outside
 * that span, which is twice a year for zones with daylight saving time. Thread-safe: the span is an immutable
 * snapshot swapped through a volatile field; racing refreshes compute the same value.
 */
final class ZoneClock {
    static final long HOUR_MS = 3_600_000L;
    static final long DAY_MS = 86_400_000L;

    private final ZoneId zone;
    private final ZoneRules rules;
    private volatile Span span = new Span(0, 0, 0);

    private record Span(long fromMs, long untilMs, long offsetMs) {
    }

    ZoneClock(ZoneId zone) {
        this.zone = zone;
        this.rules = zone.getRules();
    }

    ZoneId zone() {
        return zone;
    }

    /** The zone's offset from UTC at {@code epochMs}. */
    long offsetMs(long epochMs) {
        Span current = span;
        if (epochMs >= current.fromMs && epochMs < current.untilMs) {
            return current.offsetMs;
        }
        return refresh(epochMs);
    }

    /** Milliseconds since the local epoch (1970-01-01T00:00 local). */
    long localMs(long epochMs) {
        return epochMs + offsetMs(epochMs);
    }

    /** Hour of the local day, 0..23. */
    int hourOfDay(long epochMs) {
        return (int) (Math.floorMod(localMs(epochMs), DAY_MS) / HOUR_MS);
    }

    /** Day of the local week, 0 = Monday .. 6 = Sunday. */
    int weekday(long epochMs) {
        // 1970-01-01 was a Thursday (3 with Monday = 0).
        return Math.floorMod(Math.floorDiv(localMs(epochMs), DAY_MS) + 3, 7);
    }

    /** Number of the local hour since the local epoch: the hour window of caps. */
    long hourNumber(long epochMs) {
        return Math.floorDiv(localMs(epochMs), HOUR_MS);
    }

    /** Number of the local day since the local epoch: the day window of caps. */
    long dayNumber(long epochMs) {
        return Math.floorDiv(localMs(epochMs), DAY_MS);
    }

    private long refresh(long epochMs) {
        Instant instant = Instant.ofEpochMilli(epochMs);
        long offsetMs = rules.getOffset(instant).getTotalSeconds() * 1000L;
        // Transitions fall on whole seconds; asking just after the instant includes one exactly at it.
        ZoneOffsetTransition previous = rules.previousTransition(instant.plusMillis(1));
        ZoneOffsetTransition next = rules.nextTransition(instant);
        long fromMs = previous == null ? Long.MIN_VALUE : previous.toEpochSecond() * 1000L;
        long untilMs = next == null ? Long.MAX_VALUE : next.toEpochSecond() * 1000L;
        span = new Span(Math.min(fromMs, epochMs), Math.max(untilMs, epochMs + 1), offsetMs);
        return offsetMs;
    }
}

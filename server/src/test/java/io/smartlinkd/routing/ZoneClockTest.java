package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Local hours and days across daylight-saving transitions, against java.time. */
@org.junit.jupiter.api.Timeout(10)
class ZoneClockTest {
    @Test
    void shouldAgreeWithJavaTimeAroundTransitions() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        ZoneClock clock = new ZoneClock(berlin);
        long springForward = Instant.parse("2026-03-29T01:00:00Z").toEpochMilli();
        long fallBack = Instant.parse("2026-10-25T01:00:00Z").toEpochMilli();
        for (long base : new long[] {springForward, fallBack}) {
            for (long delta = -7_200_000L; delta <= 7_200_000L; delta += 60_000L) {
                long epochMs = base + delta;
                var local = Instant.ofEpochMilli(epochMs).atZone(berlin);
                assertEquals(local.getHour(), clock.hourOfDay(epochMs), local.toString());
                assertEquals(local.getDayOfWeek().getValue() - 1, clock.weekday(epochMs), local.toString());
                assertEquals(local.toLocalDate().toEpochDay(), clock.dayNumber(epochMs), local.toString());
            }
        }
    }

    @Test
    void shouldGoBackInTimeAsWellAsForward() {
        ZoneClock clock = new ZoneClock(ZoneId.of("America/New_York"));
        long summer = Instant.parse("2026-07-01T12:00:00Z").toEpochMilli();
        long winter = Instant.parse("2026-01-01T12:00:00Z").toEpochMilli();
        assertEquals(8, clock.hourOfDay(summer));
        assertEquals(7, clock.hourOfDay(winter));
        assertEquals(8, clock.hourOfDay(summer));
    }

    @Test
    void shouldHandleHalfHourOffsets() {
        ZoneClock clock = new ZoneClock(ZoneId.of("Asia/Kolkata"));
        long epochMs = Instant.parse("2026-05-04T18:29:00Z").toEpochMilli();
        assertEquals(23, clock.hourOfDay(epochMs));
        assertEquals(0, new ZoneClock(ZoneOffset.UTC).weekday(Instant.parse("2026-05-04T00:00:00Z").toEpochMilli()));
    }
}

package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class DurationsTest {
    @Test
    void shouldReadPlainIntegersAsMilliseconds() {
        assertEquals(250, Durations.parseMs("250"));
    }

    @Test
    void shouldReadEveryUnit() {
        assertEquals(500, Durations.parseMs("500ms"));
        assertEquals(10_000, Durations.parseMs("10s"));
        assertEquals(120_000, Durations.parseMs("2m"));
        assertEquals(3_600_000, Durations.parseMs("1h"));
        assertEquals(365L * 86_400_000, Durations.parseMs("365d"));
    }

    @Test
    void shouldRefuseOtherForms() {
        assertEquals(Durations.INVALID, Durations.parseMs("1.5s"));
        assertEquals(Durations.INVALID, Durations.parseMs("-1s"));
        assertEquals(Durations.INVALID, Durations.parseMs("10 s"));
        assertEquals(Durations.INVALID, Durations.parseMs("1w"));
        assertEquals(Durations.INVALID, Durations.parseMs("999999999999d"));
        assertEquals(Durations.INVALID, Durations.parseMs("9999999999999h"));
    }

    @Test
    void shouldFormatInTheLargestExactUnit() {
        assertEquals("0", Durations.format(0));
        assertEquals("1500ms", Durations.format(1_500));
        assertEquals("10s", Durations.format(10_000));
        assertEquals("10m", Durations.format(600_000));
        assertEquals("1h", Durations.format(3_600_000));
        assertEquals("25h", Durations.format(90_000_000));
        assertEquals("400d", Durations.format(400L * 86_400_000));
    }
}

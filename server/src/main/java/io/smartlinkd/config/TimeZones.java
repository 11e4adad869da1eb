package io.smartlinkd.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** Reads {@code time_zone:} values: region ids such as Europe/Berlin, or UTC and fixed offsets such as +05:30. */
final class TimeZones {
    private TimeZones() {
    }

    /** The zone, UTC when absent, or UTC with the problem reported. */
    static ZoneId read(YamlValue value) {
        String text = value.string();
        if (text == null || text.isBlank()) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(text.trim());
        } catch (DateTimeException e) {
            value.error(value.name() + ": unknown time zone " + Messages.quote(text)
                    + " (use a region such as Europe/Berlin, or UTC)");
            return ZoneOffset.UTC;
        }
    }
}

package io.smartlinkd.config;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The routing part of a link: ordered rules (first match wins), the time zone of their hour and weekday
 * conditions, and the answer for lost clicks.
 */
public record LinkRouting(ZoneId timeZone, List<RuleConfig> rules, OnLost onLost) {
    public static final LinkRouting NONE = new LinkRouting(ZoneOffset.UTC, List.of(), OnLost.DEFAULT);

    public boolean hasRules() {
        return !rules.isEmpty();
    }
}

package io.smartlinkd.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The UTM parameters a link or partner may set, written without the {@code utm_} prefix: the five classic ones plus
 * those Google Analytics 4 reads.
 */
final class UtmKeys {
    static final List<String> KEYS = List.of("source", "medium", "campaign", "term", "content", "id",
            "source_platform", "creative_format", "marketing_tactic");

    private UtmKeys() {
    }

    /** The {@code utm:} mapping, in the order written; empty when absent. */
    static Map<String, String> read(YamlValue value) {
        YamlMap utm = value.map("in utm", KEYS);
        Map<String, String> read = new LinkedHashMap<>();
        for (String key : utm.keys()) {
            if (!KEYS.contains(key)) {
                continue;
            }
            YamlValue item = utm.get(key).renamed("utm." + key);
            String text = item.string();
            if (text == null && item.isPresent()) {
                continue;
            }
            if (text == null || text.isEmpty()) {
                item.error(item.name() + " must not be empty");
                continue;
            }
            read.put(key, text);
        }
        return Collections.unmodifiableMap(read);
    }
}

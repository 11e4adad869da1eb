package io.smartlinkd.config;

import io.smartlinkd.agent.Families;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a rule's {@code when:} or an offer's {@code targeting:} into {@link Conditions}. Names are checked here
 * (country codes, device types, OS and browser families, hours, weekdays); partner and group names are returned
 * with their positions for {@link RoutingChecks}.
 */
final class ConditionReader {
    static final List<String> TARGETING_KEYS = List.of("country", "not_country", "device", "os", "browser",
            "language");
    static final List<String> RULE_KEYS = List.of("country", "not_country", "device", "os", "browser", "language",
            "visits", "partner", "partner_group", "hours", "weekdays", "query", "referrer");
    private static final int MAX_QUERY_NAME_CHARS = 64;

    /** The conditions and the partner names they refer to, with positions. */
    record Read(Conditions conditions, List<Located<String>> partners, List<Located<String>> partnerGroups) {
        static final Read NONE = new Read(Conditions.NONE, List.of(), List.of());
    }

    private ConditionReader() {
    }

    static Read targeting(YamlValue value) {
        return read(value.map("in targeting", TARGETING_KEYS));
    }

    static Read when(YamlValue value) {
        return read(value.map("in when", RULE_KEYS));
    }

    private static Read read(YamlMap map) {
        List<Located<String>> partners = identifiers(map.get("partner"));
        List<Located<String>> groups = identifiers(map.get("partner_group"));
        Conditions conditions = new Conditions(
                countries(map.get("country")),
                countries(map.get("not_country")),
                devices(map.get("device")),
                families(map.get("os"), true),
                families(map.get("browser"), false),
                languages(map.get("language")),
                visits(map.get("visits")),
                values(partners),
                values(groups),
                hours(map.get("hours")),
                weekdays(map.get("weekdays")),
                query(map.get("query")),
                referrers(map.get("referrer")));
        return new Read(conditions, partners, groups);
    }

    /** A list of names, or one name written as a scalar; an empty list is an error (it would match nothing). */
    private static List<Located<String>> names(YamlValue value) {
        if (!value.isPresent()) {
            return List.of();
        }
        List<Located<String>> names = new ArrayList<>();
        if (value.isScalarOrAbsent()) {
            String text = value.string();
            if (text != null && text.isBlank()) {
                value.error(value.name() + " must not be empty");
            } else if (text != null) {
                names.add(new Located<>(text.trim(), value.at()));
            }
            return names;
        } else {
            for (Located<String> name : value.strings()) {
                names.add(new Located<>(name.value().trim(), name.at()));
            }
        }
        if (names.isEmpty() && value.isListOrAbsent()) {
            value.error(value.name() + ": an empty list matches nothing; remove the key to match every click");
        }
        return names;
    }

    private static List<String> countries(YamlValue value) {
        List<String> codes = new ArrayList<>();
        for (Located<String> code : names(value)) {
            String checked = Countries.checked(value, code);
            if (checked != null && !codes.contains(checked)) {
                codes.add(checked);
            }
        }
        return List.copyOf(codes);
    }

    private static List<String> devices(YamlValue value) {
        List<String> devices = new ArrayList<>();
        for (Located<String> name : names(value)) {
            int code = Families.deviceCode(name.value());
            if (code < 0) {
                value.file().error(name.at(), "device: unknown device type " + Messages.quote(name.value())
                        + " (known: desktop, mobile, tablet, other)");
            } else if (!devices.contains(Families.deviceName(code))) {
                devices.add(Families.deviceName(code));
            }
        }
        return List.copyOf(devices);
    }

    private static List<String> families(YamlValue value, boolean os) {
        List<String> families = new ArrayList<>();
        for (Located<String> name : names(value)) {
            int code = os ? Families.knownOsCode(name.value()) : Families.knownBrowserCode(name.value());
            if (code < 0) {
                value.file().error(name.at(), value.name() + ": unknown " + (os ? "OS" : "browser") + " family "
                        + Messages.quote(name.value()) + " (known: " + knownFamilies(os) + ")");
                continue;
            }
            String canonical = os ? Families.osName(code) : Families.browserName(code);
            if (!families.contains(canonical)) {
                families.add(canonical);
            }
        }
        return List.copyOf(families);
    }

    private static String knownFamilies(boolean os) {
        List<String> names = new ArrayList<>();
        int count = os ? Families.osCount() : Families.browserCount();
        for (int code = Families.OTHER; code < count; code++) {
            names.add(os ? Families.osName(code) : Families.browserName(code));
        }
        return Messages.list(names);
    }

    private static List<String> languages(YamlValue value) {
        List<String> languages = new ArrayList<>();
        for (Located<String> name : names(value)) {
            String tag = name.value().toLowerCase(Locale.ROOT);
            boolean letters = tag.length() >= 2 && tag.length() <= 3 && tag.chars().allMatch(c -> c >= 'a' && c <= 'z');
            if (!letters) {
                value.file().error(name.at(), "language: expected a primary language tag of 2 or 3 letters such as"
                        + " de or en (got " + Messages.quote(name.value()) + ")");
            } else if (!languages.contains(tag)) {
                languages.add(tag);
            }
        }
        return List.copyOf(languages);
    }

    private static Conditions.VisitRange visits(YamlValue value) {
        String text = value.string();
        if (text == null) {
            return null;
        }
        try {
            return VisitRanges.parse(text);
        } catch (IllegalArgumentException e) {
            value.error("visits: " + e.getMessage());
            return null;
        }
    }

    private static List<Located<String>> identifiers(YamlValue value) {
        List<Located<String>> ids = new ArrayList<>();
        for (Located<String> id : names(value)) {
            String problem = Identifiers.problem(value.name(), id.value());
            if (problem != null) {
                value.file().error(id.at(), problem);
            } else {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private static int hours(YamlValue value) {
        int mask = 0;
        for (Located<String> range : names(value)) {
            try {
                mask |= HourRanges.parse(range.value());
            } catch (IllegalArgumentException e) {
                value.file().error(range.at(), "hours: " + e.getMessage());
            }
        }
        return mask;
    }

    private static int weekdays(YamlValue value) {
        int mask = 0;
        for (Located<String> day : names(value)) {
            for (String part : day.value().split(",")) {
                try {
                    mask |= Weekdays.parse(part);
                } catch (IllegalArgumentException e) {
                    value.file().error(day.at(), "weekdays: " + e.getMessage());
                }
            }
        }
        return mask;
    }

    private static List<Conditions.QueryCondition> query(YamlValue value) {
        YamlMap map = value.mapOfAnyKeys("in query");
        if (value.isPresent() && map.keys().isEmpty()) {
            value.error("query: an empty mapping; remove the key or name parameters such as { src: newsletter }");
        }
        List<Conditions.QueryCondition> conditions = new ArrayList<>();
        for (String name : map.keys()) {
            if (!isQueryName(name)) {
                value.file().error(map.keyAt(name), "query: parameter name " + Messages.quote(name)
                        + " must be 1 to 64 letters, digits, '_', '-' or '.'");
                continue;
            }
            YamlValue expected = map.get(name).renamed("query." + name);
            List<Located<String>> values = names(expected);
            if (values.isEmpty()) {
                if (!expected.isPresent()) {
                    expected.error("query." + name + ": expected a value, a list of values, present or absent");
                }
                continue;
            }
            String only = values.size() == 1 && expected.isScalarOrAbsent() ? values.get(0).value() : null;
            if ("present".equals(only)) {
                conditions.add(new Conditions.QueryCondition(name, Conditions.QueryCondition.Mode.PRESENT, List.of()));
            } else if ("absent".equals(only)) {
                conditions.add(new Conditions.QueryCondition(name, Conditions.QueryCondition.Mode.ABSENT, List.of()));
            } else {
                conditions.add(new Conditions.QueryCondition(name, Conditions.QueryCondition.Mode.EQUALS,
                        values(values)));
            }
        }
        return List.copyOf(conditions);
    }

    private static boolean isQueryName(String name) {
        if (name.isEmpty() || name.length() > MAX_QUERY_NAME_CHARS) {
            return false;
        }
        return name.chars().allMatch(c -> (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '_' || c == '-' || c == '.');
    }

    private static List<String> referrers(YamlValue value) {
        List<String> hosts = new ArrayList<>();
        for (Located<String> host : names(value)) {
            String lower = host.value().toLowerCase(Locale.ROOT);
            String problem = HostNames.problem("referrer", lower);
            if (problem != null) {
                value.file().error(host.at(), problem);
            } else if (!hosts.contains(lower)) {
                hosts.add(lower);
            }
        }
        return List.copyOf(hosts);
    }

    private static List<String> values(List<Located<String>> located) {
        List<String> values = new ArrayList<>(located.size());
        for (Located<String> item : located) {
            values.add(item.value());
        }
        return List.copyOf(values);
    }
}

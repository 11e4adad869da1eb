package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the routing keys of a link ({@code time_zone}, {@code rules}, {@code on_lost}). References to pools,
 * partners and partner groups are returned with their positions for {@link RoutingChecks}.
 */
final class RuleReader {
    static final List<String> RULE_KEYS = List.of("name", "when", "pool", "destination", "discount");
    static final List<String> ON_LOST_KEYS = List.of("url", "status");
    static final List<Integer> ON_LOST_STATUSES = List.of(404, 410, 503);
    static final int MAX_RULES = 1000;
    private static final int MAX_NAME_CHARS = 128;

    private RuleReader() {
    }

    /** The link's routing and what its rules refer to. */
    record Read(LinkRouting routing, ConfigDraft.RuleRefs refs) {
    }

    static Read read(YamlMap link) {
        List<RuleConfig> rules = new ArrayList<>();
        List<Located<String>> pools = new ArrayList<>();
        List<Located<String>> partners = new ArrayList<>();
        List<Located<String>> groups = new ArrayList<>();
        List<YamlValue> items = link.get("rules").list();
        if (items.size() > MAX_RULES) {
            link.get("rules").error("a link has at most " + MAX_RULES + " rules (got " + items.size() + ")");
        }
        for (YamlValue item : items) {
            if (!item.expectMapping()) {
                continue;
            }
            int number = rules.size() + 1;
            YamlMap rule = item.map("in rule", RULE_KEYS);
            ConditionReader.Read when = ConditionReader.when(rule.get("when"));
            partners.addAll(when.partners());
            groups.addAll(when.partnerGroups());
            String pool = Identifiers.checked(rule.get("pool"), rule.optionalString("pool"));
            if (pool != null) {
                pools.add(new Located<>(pool, rule.get("pool").at()));
            }
            String destination = Urls.optional(rule, "destination");
            boolean hasPool = rule.has("pool");
            boolean hasDestination = rule.has("destination");
            if (hasPool == hasDestination) {
                item.error("a rule needs either pool or destination" + (hasPool ? ", not both" : ""));
            }
            String discount = LinkReader.discount(rule.get("discount"));
            if (discount != null && hasPool) {
                rule.get("discount").error("discount: only on a rule with a destination (offers are not on a store)");
                discount = null;
            }
            rules.add(new RuleConfig(number, name(rule, number), when.conditions(), pool, destination,
                    rule.get("destination").at(), discount, rule.at()));
        }
        LinkRouting routing = new LinkRouting(TimeZones.read(link.get("time_zone")), List.copyOf(rules),
                onLost(link.get("on_lost")));
        return new Read(routing, new ConfigDraft.RuleRefs(List.copyOf(pools), List.copyOf(partners),
                List.copyOf(groups)));
    }

    private static String name(YamlMap rule, int number) {
        String name = rule.optionalString("name");
        if (name == null) {
            return "rule " + number;
        }
        if (name.length() > MAX_NAME_CHARS || name.chars().anyMatch(c -> Messages.isControl((char) c))) {
            rule.get("name").error("name must be at most " + MAX_NAME_CHARS + " characters on one line");
        }
        return name;
    }

    private static OnLost onLost(YamlValue value) {
        if (!value.isPresent()) {
            return OnLost.DEFAULT;
        }
        YamlMap onLost = value.map("in on_lost", ON_LOST_KEYS);
        if (onLost.has("url") == onLost.has("status")) {
            value.error("on_lost needs either url or status (" + ON_LOST_STATUSES.get(0) + ", "
                    + ON_LOST_STATUSES.get(1) + " or " + ON_LOST_STATUSES.get(2) + ")");
            return OnLost.DEFAULT;
        }
        if (onLost.has("url")) {
            String url = Urls.required(onLost, "url");
            return url == null ? OnLost.DEFAULT : new OnLost(OnLost.Kind.URL, url, 0);
        }
        YamlValue status = onLost.get("status").renamed("on_lost.status");
        int code = status.integer(0, 999, 0);
        if (code != 0 && !ON_LOST_STATUSES.contains(code)) {
            status.error("on_lost.status must be 404, 410 or 503 (got " + code + ")");
            return OnLost.DEFAULT;
        }
        return code == 0 ? OnLost.DEFAULT : new OnLost(OnLost.Kind.STATUS, null, code);
    }
}

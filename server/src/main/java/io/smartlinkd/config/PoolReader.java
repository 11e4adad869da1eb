package io.smartlinkd.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads one item of {@code pools:}; references to offers are checked by {@link RoutingChecks}. */
final class PoolReader {
    static final List<String> KEYS = List.of("id", "strategy", "offers", "fallback");
    static final List<String> ENTRY_KEYS = List.of("offer", "weight", "priority");
    static final int MAX_WEIGHT = 1_000_000;
    static final int MAX_OFFERS = 1024;

    private PoolReader() {
    }

    static ConfigDraft.Pool read(YamlValue item) {
        YamlMap pool = item.map("in pool", KEYS);
        String id = Identifiers.checked(pool.get("id"), pool.requiredString("id"));
        PoolConfig.Strategy strategy = strategy(pool.get("strategy"));
        if (!pool.has("offers")) {
            pool.get("offers").error("missing required key 'offers' in pool (an empty list is allowed)");
        }
        List<Written> written = new ArrayList<>();
        Map<String, SourceLocation> seen = new HashMap<>();
        List<YamlValue> items = pool.get("offers").list();
        if (items.size() > MAX_OFFERS) {
            pool.get("offers").error("a pool holds at most " + MAX_OFFERS + " offers (got " + items.size() + ")");
        }
        for (YamlValue entry : items) {
            Written read = entry(entry, strategy);
            if (read == null) {
                continue;
            }
            SourceLocation first = seen.putIfAbsent(read.offer.value(), read.offer.at());
            if (first != null) {
                entry.file().error(read.offer.at(), "offer " + Messages.quote(read.offer.value())
                        + " is already in this pool at " + first);
                continue;
            }
            written.add(read);
        }
        checkPriorities(written, pool.get("offers"));
        written.sort(Comparator.comparingInt(Written::priority)); // stable: equal priorities keep the written order
        List<PoolConfig.Entry> entries = new ArrayList<>();
        List<Located<String>> refs = new ArrayList<>();
        for (Written entry : written) {
            entries.add(new PoolConfig.Entry(entry.offer.value(), entry.weight, entry.offer.at()));
            refs.add(entry.offer);
        }
        String fallback = Identifiers.checked(pool.get("fallback"), pool.optionalString("fallback"));
        Located<String> fallbackRef = fallback == null ? null : new Located<>(fallback, pool.get("fallback").at());
        PoolConfig config = new PoolConfig(id, strategy, List.copyOf(entries), fallback, pool.at());
        return new ConfigDraft.Pool(config, pool.get("id").at(), List.copyOf(refs), fallbackRef);
    }

    /** An entry as written; priority {@link Integer#MAX_VALUE} when not given. */
    private record Written(Located<String> offer, int weight, int priority, boolean priorityGiven) {
    }

    private static PoolConfig.Strategy strategy(YamlValue value) {
        String text = value.string();
        if (text == null || text.equals("weight")) {
            return PoolConfig.Strategy.WEIGHT;
        }
        if (text.equals("priority")) {
            return PoolConfig.Strategy.PRIORITY;
        }
        value.error("strategy must be weight or priority (got " + Messages.quote(text) + ")");
        return PoolConfig.Strategy.WEIGHT;
    }

    /** {@code - offer-id} or {@code - { offer: offer-id, weight: 3 }}. */
    private static Written entry(YamlValue entry, PoolConfig.Strategy strategy) {
        if (entry.isScalarOrAbsent()) {
            String id = Identifiers.checked(entry.renamed("offer"), entry.string());
            return id == null ? null : new Written(new Located<>(id, entry.at()), 1, Integer.MAX_VALUE, false);
        }
        YamlMap map = entry.map("in pool offer", ENTRY_KEYS);
        String id = Identifiers.checked(map.get("offer"), map.requiredString("offer"));
        int weight = 1;
        if (map.has("weight")) {
            if (strategy != PoolConfig.Strategy.WEIGHT) {
                map.get("weight").error("weight: only for strategy: weight (this pool tries offers by priority)");
            } else {
                weight = map.get("weight").integer(0, MAX_WEIGHT, 1);
            }
        }
        int priority = Integer.MAX_VALUE;
        if (map.has("priority")) {
            if (strategy != PoolConfig.Strategy.PRIORITY) {
                map.get("priority").error("priority: only for strategy: priority (this pool draws offers by weight)");
            } else {
                BigInteger value = map.get("priority").integer();
                if (value != null && (value.signum() < 0 || value.bitLength() > 30)) {
                    map.get("priority").error("priority must be 0 or more (lower is tried first), got " + value);
                } else if (value != null) {
                    priority = value.intValue();
                }
            }
        }
        return id == null ? null : new Written(new Located<>(id, map.get("offer").at()), weight, priority,
                map.has("priority"));
    }

    /** Either every entry of a priority pool gives its priority, or none does (then the list order is the priority). */
    private static void checkPriorities(List<Written> entries, YamlValue list) {
        long given = entries.stream().filter(Written::priorityGiven).count();
        if (given > 0 && given < entries.size()) {
            list.error("offers: give every offer a priority, or none (then the list order is the priority)");
        }
    }
}

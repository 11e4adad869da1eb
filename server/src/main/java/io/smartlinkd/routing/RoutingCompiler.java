package io.smartlinkd.routing;

import io.smartlinkd.config.BoundedErrors;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigError;
import io.smartlinkd.config.LinkConfig;
import io.smartlinkd.config.OfferConfig;
import io.smartlinkd.config.OnLost;
import io.smartlinkd.config.PoolConfig;
import io.smartlinkd.config.RuleConfig;
import io.smartlinkd.config.SourceLocation;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Compiles the routing of a validated {@link Config}: numbers offers (stable through the {@link OfferRegistry}),
 * compiles their URLs and targeting, the pools, and each link's rules into a rule set. Links whose rules compile
 * identically share one rule set, so a million generated links with the same rules cost one. Links come one at a
 * time ({@link #ruleSetOf}), as they are streamed from the YAML, and {@link #finish} builds the table. Runs on the
 * reload thread; errors are collected and point at the YAML.
 */
public final class RoutingCompiler {
    private final Config config;
    private final OfferRegistry registry;
    private final UrlTemplates templates;
    private final PartnerNumbers partners;
    private final BoundedErrors errors = new BoundedErrors();
    private final Map<ZoneId, ZoneClock> zones = new HashMap<>();
    private final Map<String, Offer> offers = new LinkedHashMap<>();
    private final Map<String, Pool> pools = new LinkedHashMap<>();
    private final Map<String, Integer> newOfferNumbers = new LinkedHashMap<>();
    private final List<RuleSet> ruleSets = new ArrayList<>();
    private final Map<List<Object>, Integer> shared = new HashMap<>();

    /**
     * @param table           the compiled routing
     * @param newOfferNumbers offers numbered for the first time, to record in the registry once the config is used
     * @param errors          empty when the routing compiled
     */
    public record Compiled(RoutingTable table, Map<String, Integer> newOfferNumbers, BoundedErrors errors) {
    }

    private RoutingCompiler(Config config, OfferRegistry registry, UrlTemplates templates, PartnerNumbers partners) {
        this.config = config;
        this.registry = registry;
        this.templates = templates;
        this.partners = partners;
    }

    /**
     * Compiles the offers and pools of {@code config} (its links are not read); then give it each link.
     *
     * @param registry offer numbers to keep; null numbers offers afresh (offline checks)
     */
    public static RoutingCompiler start(Config config, OfferRegistry registry, UrlTemplates templates,
                                        PartnerNumbers partners) {
        RoutingCompiler compiler = new RoutingCompiler(config,
                registry == null ? OfferRegistry.inMemory() : registry, templates, partners);
        compiler.compileOffers();
        compiler.compilePools();
        compiler.ruleSets.add(null);
        return compiler;
    }

    /** The rule-set number the link's record carries: 0 without rules (or when they fail, reported). */
    public int ruleSetOf(LinkConfig link) {
        if (!link.routing().hasRules()) {
            return 0;
        }
        List<Object> key = new ArrayList<>();
        RuleSet ruleSet = compileRules(link, key);
        if (ruleSet == null) {
            return 0;
        }
        Integer number = shared.get(key);
        if (number == null) {
            number = ruleSets.size();
            ruleSets.add(ruleSet);
            shared.put(key, number);
        }
        return number;
    }

    /** Rule sets numbered so far; the next new one gets this number. */
    public int ruleSetCount() {
        return ruleSets.size();
    }

    /** The routing table of the links given so far. */
    public Compiled finish() {
        int maxNumber = offers.values().stream().mapToInt(offer -> offer.number).max().orElse(0);
        Offer[] byNumber = new Offer[maxNumber + 1];
        for (Offer offer : offers.values()) {
            byNumber[offer.number] = offer;
        }
        RoutingTable table = new RoutingTable(ruleSets.toArray(new RuleSet[0]), byNumber, offers, pools, partners);
        return new Compiled(table, Map.copyOf(newOfferNumbers), errors);
    }

    private void compileOffers() {
        int next = registry.nextNumber();
        double share = config.server().capsShare();
        for (OfferConfig offer : config.offers()) {
            int number = registry.number(offer.id());
            if (number == 0) {
                if (next > OfferRegistry.MAX_NUMBER) {
                    errors.add(new ConfigError(offer.at(), "offer " + offer.id() + " cannot be numbered: all "
                            + OfferRegistry.MAX_NUMBER + " offer numbers of this data dir are used"));
                    continue;
                }
                number = next++;
                newOfferNumbers.put(offer.id(), number);
            }
            byte[] program = compile(offer.url(), null, offer.urlAt(), "url");
            if (program == null) {
                continue;
            }
            Match targeting = offer.targeting().isEmpty() ? null
                    : new Match(offer.targeting(), partners::partnerNumber, partners::groupNumber);
            offers.put(offer.id(), new Offer(number, offer, program, targeting, zone(offer.timeZone()), share));
        }
    }

    private void compilePools() {
        for (PoolConfig pool : config.pools()) {
            List<Offer> entries = new ArrayList<>();
            List<Integer> weights = new ArrayList<>();
            for (PoolConfig.Entry entry : pool.entries()) {
                Offer offer = offers.get(entry.offer());
                if (offer != null) {
                    entries.add(offer);
                    weights.add(entry.weight());
                }
            }
            Offer fallback = pool.fallback() == null ? null : offers.get(pool.fallback());
            pools.put(pool.id(), new Pool(pool.id(), pool.strategy(), entries.toArray(new Offer[0]),
                    weights.stream().mapToInt(Integer::intValue).toArray(), fallback));
        }
    }

    /** The link's rule set; {@code key} receives what makes two rule sets the same. Null on errors. */
    private RuleSet compileRules(LinkConfig link, List<Object> key) {
        List<Rule> rules = new ArrayList<>();
        boolean failed = false;
        key.add(link.routing().timeZone());
        key.add(link.routing().onLost());
        for (RuleConfig rule : link.routing().rules()) {
            Pool pool = null;
            byte[] destination = null;
            if (rule.pool() != null) {
                pool = pools.get(rule.pool());
                failed |= pool == null;
            } else if (rule.destination() != null) {
                destination = compile(rule.destination(), link, rule.destinationAt(), "destination");
                failed |= destination == null;
            } else {
                failed = true;
            }
            Match when = rule.when().isEmpty() ? Match.ANY
                    : new Match(rule.when(), partners::partnerNumber, partners::groupNumber);
            int discount = io.smartlinkd.discount.DiscountTable.numberOf(config, rule.discount());
            rules.add(new Rule(rule.number(), rule.name(), when, pool, destination, rule.destination(), discount));
            key.add(List.of(rule.name(), rule.when(), rule.pool() == null ? "" : rule.pool(),
                    destination == null ? "" : HexFormat.of().formatHex(destination), discount));
        }
        OnLost onLost = link.routing().onLost();
        byte[] lostProgram = null;
        if (onLost.kind() == OnLost.Kind.URL) {
            lostProgram = compile(onLost.url(), null, link.at(), "on_lost.url");
            failed |= lostProgram == null;
        }
        if (failed) {
            return null;
        }
        return new RuleSet(rules.toArray(new Rule[0]), zone(link.routing().timeZone()), lostProgram,
                onLost.url(), onLost.kind() == OnLost.Kind.STATUS ? onLost.status() : 0);
    }

    /** Compiles a URL template (a rule destination when {@code link} is given); null with the error recorded. */
    private byte[] compile(String url, LinkConfig link, SourceLocation at, String what) {
        try {
            return link == null ? templates.plain(url) : templates.destination(url, link);
        } catch (IllegalArgumentException e) {
            errors.add(new ConfigError(at, what + ": " + e.getMessage()));
            return null;
        }
    }

    private ZoneClock zone(ZoneId zone) {
        return zones.computeIfAbsent(zone, ZoneClock::new);
    }
}

package io.smartlinkd.routing;

import io.smartlinkd.config.PoolConfig;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Routes clicks by one generation's {@link RoutingTable} against the process's {@link CapCounters}.
 *
 * <p>{@link #route} runs on event loops: lock-free and allocation-free (the caller's {@link RouteDecision} holds all
 * scratch state). Rules are tried in order and the first whose conditions all hold decides. A destination rule
 * ends there; a pool rule picks an offer: {@code priority} takes the first eligible offer in order, {@code weight}
 * draws among the eligible offers in proportion to their weights (weight 0 is never drawn). Eligible means active,
 * within targeting, accepting bots if the click is one, and under every cap. Taking an offer counts the click
 * against its click caps exactly (an offer that loses a race for its last slot is skipped for the next). When no
 * offer is left the pool's fallback is tried by the same test, then the click is lost. Bots and prefetchers are
 * routed the same way and see caps, but never count against them.
 */
public final class Router {
    private static final ZoneClock UTC = new ZoneClock(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm EEE", Locale.ROOT);

    private final RoutingTable table;
    private final CapCounters caps;

    Router(RoutingTable table, CapCounters caps) {
        this.table = table;
        this.caps = caps;
    }

    public RoutingTable table() {
        return table;
    }

    public CapCounters caps() {
        return caps;
    }

    /**
     * Decides where a click goes.
     *
     * @param ruleSet the link's rule-set number from its record; 0 = no rules (the decision is {@link RouteKind#DEFAULT})
     */
    public void route(int ruleSet, ClickFacts facts, RouteDecision out) {
        out.reset();
        if (ruleSet <= 0 || ruleSet >= table.ruleSets.length) {
            return;
        }
        RuleSet set = table.ruleSets[ruleSet];
        for (Rule rule : set.rules) {
            if (!rule.when.matches(facts, set.zone)) {
                continue;
            }
            out.rule(rule.number);
            if (rule.pool == null) {
                out.destination(rule.destination, rule.discount);
            } else if (!pick(rule.pool, facts, out)) {
                out.lost(set);
            }
            return;
        }
    }

    /**
     * Counts a conversion for an offer's conversion and payout caps (the postback path).
     *
     * @param payout amount in {@link io.smartlinkd.config.OfferCaps#PAYOUT_SCALE} units; 0 when unknown
     */
    public void recordConversion(int offerNumber, long payout, long epochMs) {
        if (offerNumber <= 0 || offerNumber > CapCounters.MAX_OFFER_NUMBER) {
            throw new IllegalArgumentException("offer number must be 1.." + CapCounters.MAX_OFFER_NUMBER + ", got "
                    + offerNumber);
        }
        Offer offer = offerNumber < table.offersByNumber.length ? table.offersByNumber[offerNumber] : null;
        ZoneClock zone = offer == null ? UTC : offer.zone;
        caps.addConversion(offerNumber, zone.hourNumber(epochMs), zone.dayNumber(epochMs), Math.max(0, payout));
    }

    private boolean pick(Pool pool, ClickFacts facts, RouteDecision out) {
        boolean picked = pool.strategy == PoolConfig.Strategy.PRIORITY
                ? pickByPriority(pool, facts, out) : drawByWeight(pool, facts, out);
        if (picked) {
            return true;
        }
        Offer fallback = pool.fallback;
        if (fallback == null) {
            return false;
        }
        SkipReason reason = ineligible(fallback, facts);
        if (reason == null && take(fallback, facts)) {
            out.offer(fallback, true);
            return true;
        }
        out.skip(fallback, reason == null ? SkipReason.CAP : reason);
        return false;
    }

    private boolean pickByPriority(Pool pool, ClickFacts facts, RouteDecision out) {
        for (Offer offer : pool.offers) {
            SkipReason reason = ineligible(offer, facts);
            if (reason == null && take(offer, facts)) {
                out.offer(offer, false);
                return true;
            }
            out.skip(offer, reason == null ? SkipReason.CAP : reason);
        }
        return false;
    }

    private boolean drawByWeight(Pool pool, ClickFacts facts, RouteDecision out) {
        out.ensureCandidates(pool.offers.length);
        int[] candidates = out.candidates;
        long[] weights = out.candidateWeights;
        int count = 0;
        long total = 0;
        for (int i = 0; i < pool.offers.length; i++) {
            if (pool.weights[i] == 0) {
                continue;
            }
            SkipReason reason = ineligible(pool.offers[i], facts);
            if (reason != null) {
                out.skip(pool.offers[i], reason);
                continue;
            }
            candidates[count] = i;
            weights[count] = pool.weights[i];
            total += pool.weights[i];
            count++;
        }
        while (count > 0) {
            long draw = out.nextLong(total);
            int k = 0;
            while (draw >= weights[k]) {
                draw -= weights[k];
                k++;
            }
            Offer offer = pool.offers[candidates[k]];
            if (take(offer, facts)) {
                out.offer(offer, false);
                return true;
            }
            // Lost the race for its last slot: draw again among the others.
            out.skip(offer, SkipReason.CAP);
            total -= weights[k];
            count--;
            candidates[k] = candidates[count];
            weights[k] = weights[count];
        }
        return false;
    }

    /** Why the offer cannot take this click, or null when it can (caps read, not counted). */
    private SkipReason ineligible(Offer offer, ClickFacts facts) {
        if (!offer.active) {
            return SkipReason.INACTIVE;
        }
        if (offer.targeting != null && !offer.targeting.matches(facts, offer.zone)) {
            return SkipReason.TARGETING;
        }
        if (!offer.acceptBots && facts.bot()) {
            return SkipReason.BOT;
        }
        if (offer.anyCaps && fullCap(offer, facts.epochMs()) >= 0) {
            return SkipReason.CAP;
        }
        return null;
    }

    /** Counts the click against the offer's click caps; bots and uncapped offers are not counted. */
    private boolean take(Offer offer, ClickFacts facts) {
        if (!offer.clickCaps || facts.bot()) {
            return true;
        }
        long epochMs = facts.epochMs();
        return caps.tryAcquireClick(offer.number, offer.zone.hourNumber(epochMs), offer.zone.dayNumber(epochMs),
                offer.limit(CapCounters.CLICKS, CapCounters.HOUR), offer.limit(CapCounters.CLICKS, CapCounters.DAY),
                offer.limit(CapCounters.CLICKS, CapCounters.TOTAL));
    }

    /** The first full cap as {@code metric * 3 + window}, or -1 when none is. */
    private int fullCap(Offer offer, long epochMs) {
        long hour = offer.zone.hourNumber(epochMs);
        long day = offer.zone.dayNumber(epochMs);
        for (int metric = CapCounters.CLICKS; metric <= CapCounters.PAYOUT; metric++) {
            for (int window = CapCounters.HOUR; window <= CapCounters.TOTAL; window++) {
                long limit = offer.limit(metric, window);
                if (limit == Offer.UNLIMITED) {
                    continue;
                }
                long number = window == CapCounters.HOUR ? hour : window == CapCounters.DAY ? day : 0;
                if (caps.count(offer.number, metric, window, number) >= limit) {
                    return metric * 3 + window;
                }
            }
        }
        return -1;
    }

    private long count(Offer offer, int metric, int window, long epochMs) {
        long number = window == CapCounters.HOUR ? offer.zone.hourNumber(epochMs)
                : window == CapCounters.DAY ? offer.zone.dayNumber(epochMs) : 0;
        return caps.count(offer.number, metric, window, number);
    }

    /**
     * Where a click would go and why, without counting it anywhere (no cap consumed). For a weight pool the pick is
     * one sample draw; the trace gives every eligible offer's share.
     */
    public RouteTrace explain(int ruleSet, ClickFacts facts) {
        RouteTrace trace = new RouteTrace();
        trace.bot = facts.bot();
        if (ruleSet <= 0 || ruleSet >= table.ruleSets.length) {
            trace.timeZone = "UTC";
            trace.localTime = localTime(UTC, facts.epochMs());
            return trace;
        }
        RuleSet set = table.ruleSets[ruleSet];
        trace.timeZone = set.zone.zone().getId();
        trace.localTime = localTime(set.zone, facts.epochMs());
        Rule matched = null;
        for (Rule rule : set.rules) {
            List<Dimension> failed = rule.when.failures(facts, set.zone);
            trace.rules.add(new RouteTrace.RuleStep(rule.number, rule.name, failed.isEmpty(),
                    failures(rule.when, failed, facts, set.zone)));
            if (failed.isEmpty()) {
                matched = rule;
                break;
            }
        }
        if (matched == null) {
            return trace;
        }
        trace.ruleNumber = matched.number;
        trace.ruleName = matched.name;
        if (matched.pool == null) {
            trace.kind = RouteKind.DESTINATION;
            trace.url = matched.destinationText;
            trace.discountNumber = matched.discount;
            return trace;
        }
        Pool pool = matched.pool;
        trace.pool = pool.id;
        trace.strategy = pool.strategy.name().toLowerCase(Locale.ROOT);
        Offer picked = explainPool(pool, facts, trace);
        if (picked == null && pool.fallback != null) {
            String reason = reasonText(pool.fallback, facts);
            trace.fallback = new RouteTrace.OfferStep(pool.fallback.id, pool.fallback.number, 0,
                    reason == null ? RouteTrace.Status.ELIGIBLE : RouteTrace.Status.SKIPPED,
                    reason == null ? null : reasonLabel(pool.fallback, facts), reason, 0, reason == null);
            if (reason == null) {
                picked = pool.fallback;
                trace.viaFallback = true;
            }
        }
        if (picked == null) {
            trace.kind = RouteKind.LOST;
            trace.url = set.lostUrl;
            trace.lostStatus = set.lostStatus;
            return trace;
        }
        trace.kind = RouteKind.OFFER;
        trace.offer = picked.id;
        trace.offerNumber = picked.number;
        trace.url = picked.config.url();
        return trace;
    }

    private Offer explainPool(Pool pool, ClickFacts facts, RouteTrace trace) {
        boolean byWeight = pool.strategy == PoolConfig.Strategy.WEIGHT;
        long total = 0;
        List<Offer> eligible = new ArrayList<>();
        for (int i = 0; i < pool.offers.length; i++) {
            Offer offer = pool.offers[i];
            if (byWeight && pool.weights[i] == 0) {
                continue;
            }
            if (reasonText(offer, facts) == null) {
                eligible.add(offer);
                total += pool.weights[i];
            }
        }
        Offer picked = null;
        if (!eligible.isEmpty()) {
            picked = eligible.get(0);
            if (byWeight) {
                long draw = ThreadLocalRandom.current().nextLong(total);
                for (int i = 0; i < pool.offers.length; i++) {
                    if (eligible.contains(pool.offers[i]) && (draw -= pool.weights[i]) < 0) {
                        picked = pool.offers[i];
                        break;
                    }
                }
            }
        }
        for (int i = 0; i < pool.offers.length; i++) {
            Offer offer = pool.offers[i];
            int weight = pool.weights[i];
            if (byWeight && weight == 0) {
                trace.offers.add(new RouteTrace.OfferStep(offer.id, offer.number, 0, RouteTrace.Status.NOT_DRAWN,
                        null, "weight 0", 0, false));
                continue;
            }
            String reason = reasonText(offer, facts);
            double share = reason == null && byWeight ? (double) weight / total : 0;
            trace.offers.add(new RouteTrace.OfferStep(offer.id, offer.number, weight,
                    reason == null ? RouteTrace.Status.ELIGIBLE : RouteTrace.Status.SKIPPED,
                    reason == null ? null : reasonLabel(offer, facts), reason, share, offer == picked));
        }
        return picked;
    }

    private String reasonLabel(Offer offer, ClickFacts facts) {
        SkipReason reason = ineligible(offer, facts);
        return reason == null ? null : reason.label();
    }

    /** Why the offer is not eligible, in words, or null when it is. */
    private String reasonText(Offer offer, ClickFacts facts) {
        SkipReason reason = ineligible(offer, facts);
        if (reason == null) {
            return null;
        }
        switch (reason) {
            case INACTIVE:
                return "active: false";
            case BOT:
                return "a bot click and accept_bots: false";
            case TARGETING: {
                List<String> parts = new ArrayList<>();
                for (Dimension failed : offer.targeting.failures(facts, offer.zone)) {
                    parts.add(failed.key() + " " + Match.actual(failed, facts, offer.zone, null, null) + ", wants "
                            + offer.targeting.expected(failed));
                }
                return String.join("; ", parts);
            }
            default: {
                int cap = fullCap(offer, facts.epochMs());
                int metric = cap / 3;
                int window = cap % 3;
                long count = count(offer, metric, window, facts.epochMs());
                long limit = offer.limit(metric, window);
                String what = new String[] {"clicks", "conversions", "payout"}[metric]
                        + (window == CapCounters.TOTAL ? " in total" : window == CapCounters.DAY ? " per day"
                        : " per hour");
                return metric == CapCounters.PAYOUT ? what + ": " + amount(count) + " of " + amount(limit)
                        : what + ": " + count + " of " + limit;
            }
        }
    }

    private static String amount(long units) {
        return java.math.BigDecimal.valueOf(units, 4).stripTrailingZeros().toPlainString();
    }

    private List<RouteTrace.Failure> failures(Match when, List<Dimension> failed, ClickFacts facts, ZoneClock zone) {
        List<RouteTrace.Failure> failures = new ArrayList<>();
        for (Dimension dimension : failed) {
            failures.add(new RouteTrace.Failure(dimension.key(), when.expected(dimension),
                    Match.actual(dimension, facts, zone, table.partners.partnerId(facts.partner()),
                            table.partners.groupName(facts.partnerGroup()))));
        }
        return failures;
    }

    private static String localTime(ZoneClock zone, long epochMs) {
        return LOCAL_TIME.format(Instant.ofEpochMilli(epochMs).atZone(zone.zone()));
    }
}

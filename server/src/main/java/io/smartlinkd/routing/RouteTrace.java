package io.smartlinkd.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Why a click goes where it goes: every rule tried and the conditions it failed, the matched rule, every offer of
 * its pool with why it was eligible or skipped, the pick and the URL template. Built by {@link Router#explain},
 * which consumes no cap and records nothing. Immutable once built; allocates freely (admin use only).
 */
public final class RouteTrace {
    /** A condition of a rule or of an offer's targeting that the click does not meet. */
    public record Failure(String condition, String expected, String actual) {
    }

    public record RuleStep(int number, String name, boolean matched, List<Failure> failed) {
    }

    public enum Status {
        /** Could be picked. */
        ELIGIBLE,
        /** Passed over, see the reason. */
        SKIPPED,
        /** Weight 0: never drawn. */
        NOT_DRAWN
    }

    /**
     * @param share  for weight pools, the eligible offer's chance of being drawn (0 for others)
     * @param reason for {@link Status#SKIPPED}: the {@link SkipReason} label, else null
     * @param detail what exactly failed (the cap with its count, the targeting condition), or null
     */
    public record OfferStep(String offer, int number, int weight, Status status, String reason, String detail,
                            double share, boolean picked) {
    }

    final List<RuleStep> rules = new ArrayList<>();
    final List<OfferStep> offers = new ArrayList<>();
    boolean bot;
    String timeZone;
    String localTime;
    int ruleNumber;
    int discountNumber;
    String ruleName;
    String pool;
    String strategy;
    OfferStep fallback;
    RouteKind kind = RouteKind.DEFAULT;
    String offer;
    int offerNumber;
    boolean viaFallback;
    String url;
    int lostStatus;

    RouteTrace() {
    }

    public List<RuleStep> rules() {
        return List.copyOf(rules);
    }

    /** The offers of the matched rule's pool in the order they were considered. */
    public List<OfferStep> offers() {
        return List.copyOf(offers);
    }

    /** The pool's fallback as considered, or null when the pool has none or it was not needed. */
    public OfferStep fallback() {
        return fallback;
    }

    public boolean bot() {
        return bot;
    }

    public String timeZone() {
        return timeZone;
    }

    /** The click's time in the link's time zone, e.g. {@code 2026-05-04 10:15 Mon}. */
    public String localTime() {
        return localTime;
    }

    /** 1-based matched rule, 0 when none. */
    public int ruleNumber() {
        return ruleNumber;
    }

    public String ruleName() {
        return ruleName;
    }

    /** The matched rule's pool id, or null. */
    public String pool() {
        return pool;
    }

    public RouteKind kind() {
        return kind;
    }

    /** The matched destination rule's discount number ({@link RouteDecision#discount}); 0 when it has none. */
    public int discountNumber() {
        return discountNumber;
    }

    /** The offer picked, or null. */
    public String offer() {
        return offer;
    }

    public int offerNumber() {
        return offerNumber;
    }

    public boolean viaFallback() {
        return viaFallback;
    }

    /** The URL template the click would be sent to; null for the link's own destination or a lost status. */
    public String url() {
        return url;
    }

    /** For a lost click answered with a status: the status, else 0. */
    public int lostStatus() {
        return lostStatus;
    }

    /** The trace as one JSON object. */
    public String toJson() {
        StringBuilder out = new StringBuilder(512).append('{');
        field(out, "kind", kind.name().toLowerCase(Locale.ROOT)).append(',');
        out.append("\"rule\":").append(ruleNumber).append(',');
        field(out, "rule_name", ruleName).append(',');
        field(out, "pool", pool).append(',');
        field(out, "strategy", strategy).append(',');
        field(out, "offer", offer).append(',');
        out.append("\"offer_number\":").append(offerNumber).append(',');
        out.append("\"fallback_used\":").append(viaFallback).append(',');
        field(out, "url", url).append(',');
        out.append("\"lost_status\":").append(lostStatus).append(',');
        out.append("\"bot\":").append(bot).append(',');
        field(out, "time_zone", timeZone).append(',');
        field(out, "local_time", localTime).append(',');
        out.append("\"rules\":[");
        for (int i = 0; i < rules.size(); i++) {
            RuleStep step = rules.get(i);
            out.append(i == 0 ? "" : ",").append("{\"number\":").append(step.number()).append(',');
            field(out, "name", step.name()).append(",\"matched\":").append(step.matched()).append(",\"failed\":[");
            for (int j = 0; j < step.failed().size(); j++) {
                failure(out.append(j == 0 ? "" : ","), step.failed().get(j));
            }
            out.append("]}");
        }
        out.append("],\"offers\":[");
        for (int i = 0; i < offers.size(); i++) {
            offer(out.append(i == 0 ? "" : ","), offers.get(i));
        }
        out.append("],\"fallback\":");
        if (fallback == null) {
            out.append("null");
        } else {
            offer(out, fallback);
        }
        return out.append('}').toString();
    }

    private static void failure(StringBuilder out, Failure failure) {
        out.append('{');
        field(out, "condition", failure.condition()).append(',');
        field(out, "expected", failure.expected()).append(',');
        field(out, "actual", failure.actual()).append('}');
    }

    private static void offer(StringBuilder out, OfferStep step) {
        out.append('{');
        field(out, "offer", step.offer()).append(",\"number\":").append(step.number())
                .append(",\"weight\":").append(step.weight()).append(',');
        field(out, "status", step.status().name().toLowerCase(Locale.ROOT)).append(',');
        field(out, "reason", step.reason()).append(',');
        field(out, "detail", step.detail()).append(",\"share\":")
                .append(String.format(Locale.ROOT, "%.4f", step.share()))
                .append(",\"picked\":").append(step.picked()).append('}');
    }

    private static StringBuilder field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":");
        if (value == null) {
            return out.append("null");
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"');
    }

    @Override
    public String toString() {
        return toJson();
    }
}

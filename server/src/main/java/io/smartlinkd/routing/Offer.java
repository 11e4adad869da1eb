package io.smartlinkd.routing;

import io.smartlinkd.config.CapLimits;
import io.smartlinkd.config.OfferConfig;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;

/**
 * An offer compiled for the hot path: its stable number, URL program, targeting and this node's cap limits.
 * Immutable; one generation's offers share the process-wide {@link CapCounters}.
 */
final class Offer {
    static final long UNLIMITED = Long.MAX_VALUE;

    final int number;
    final String id;
    final byte[] idBytes;
    final byte[] program;
    final OfferConfig config;
    final boolean active;
    final boolean acceptBots;
    /** Null when the offer takes every click. */
    final Match targeting;
    final ZoneClock zone;
    /** Per metric ({@link CapCounters#CLICKS}...) and window ({@link CapCounters#HOUR}...); UNLIMITED when none. */
    final long[] limits = new long[9];
    final boolean clickCaps;
    final boolean anyCaps;

    Offer(int number, OfferConfig config, byte[] program, Match targeting, ZoneClock zone, double capsShare) {
        this.number = number;
        this.id = config.id();
        this.idBytes = config.id().getBytes(StandardCharsets.US_ASCII);
        this.program = program;
        this.config = config;
        this.active = config.active();
        this.acceptBots = config.acceptBots();
        this.targeting = targeting;
        this.zone = zone;
        fill(CapCounters.CLICKS, config.caps().clicks(), capsShare);
        fill(CapCounters.CONVERSIONS, config.caps().conversions(), capsShare);
        fill(CapCounters.PAYOUT, config.caps().payout(), capsShare);
        this.clickCaps = !config.caps().clicks().isNone();
        this.anyCaps = !config.caps().isNone();
    }

    long limit(int metric, int window) {
        return limits[metric * 3 + window];
    }

    private void fill(int metric, CapLimits caps, double share) {
        limits[metric * 3 + CapCounters.HOUR] = share(caps.hour(), share);
        limits[metric * 3 + CapCounters.DAY] = share(caps.day(), share);
        limits[metric * 3 + CapCounters.TOTAL] = share(caps.total(), share);
    }

    /** This node's part of a cap: floor(cap x share), so the nodes' parts never add up to more than the cap. */
    static long share(long cap, double share) {
        if (cap == 0) {
            return UNLIMITED;
        }
        return BigDecimal.valueOf(cap).multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.FLOOR)
                .longValueExact();
    }
}

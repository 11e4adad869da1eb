package io.smartlinkd.config;

/**
 * Limits per window; 0 = no limit in that window. Payout limits are in {@link OfferCaps#PAYOUT_SCALE} units of the
 * offer's currency.
 */
public record CapLimits(long hour, long day, long total) {
    public static final CapLimits NONE = new CapLimits(0, 0, 0);

    public boolean isNone() {
        return hour == 0 && day == 0 && total == 0;
    }
}

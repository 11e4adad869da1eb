package io.smartlinkd.config;

/**
 * An offer's caps: clicks sent, conversions and payout reported, per hour, day and in total. Windows are the
 * hours and days of the offer's time zone.
 */
public record OfferCaps(CapLimits clicks, CapLimits conversions, CapLimits payout) {
    /** Payout amounts are counted in units of 1/10,000 of the currency (so 1.80 EUR is 18,000). */
    public static final long PAYOUT_SCALE = 10_000;
    /** The largest cap a counter holds (40 bits; see the caps counter file). */
    public static final long MAX_CAP = (1L << 40) - 1;

    public static final OfferCaps NONE = new OfferCaps(CapLimits.NONE, CapLimits.NONE, CapLimits.NONE);

    public boolean isNone() {
        return clicks.isNone() && conversions.isNone() && payout.isNone();
    }
}

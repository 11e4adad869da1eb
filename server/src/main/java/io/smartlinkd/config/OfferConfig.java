package io.smartlinkd.config;

import java.math.BigDecimal;
import java.time.ZoneId;

/**
 * An advertiser offer that pools route clicks to.
 *
 * @param url        URL template with the same macros as link destinations, plus {@code {offer}}
 * @param urlAt      where the url is written, for template errors
 * @param payout     what a conversion pays, null when not given (for reports and EPC)
 * @param currency   ISO 4217 code of payout and payout caps, null when not given
 * @param acceptBots false: bot and prefetch clicks skip this offer (they go to the next offer or the fallback)
 * @param targeting  the clicks the offer takes; only country, device, OS, browser and language are used
 * @param timeZone   the hours and days its caps count in
 */
public record OfferConfig(
        String id,
        String name,
        String url,
        SourceLocation urlAt,
        BigDecimal payout,
        String currency,
        boolean active,
        boolean acceptBots,
        Conditions targeting,
        OfferCaps caps,
        ZoneId timeZone,
        SourceLocation at) {
}

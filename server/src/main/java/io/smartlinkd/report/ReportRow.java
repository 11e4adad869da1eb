package io.smartlinkd.report;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One group of a click report.
 *
 * @param rawClicks   every click record except unknown slugs
 * @param humanClicks raw clicks not flagged as bots: the base of EPC and CR
 * @param lostClicks  clicks no offer or fallback could take
 * @param codes       clicks that were handed a discount code
 */
public record ReportRow(String key, long rawClicks, long uniqueClicks, long botClicks, long notFound, long lostClicks,
                        long humanClicks, long codes, long orders, BigDecimal revenue, long conversions,
                        BigDecimal payout) {
    /** Earnings per (human) click. */
    public BigDecimal epc() {
        return humanClicks == 0 ? BigDecimal.ZERO.setScale(4)
                : payout.divide(BigDecimal.valueOf(humanClicks), 4, RoundingMode.HALF_EVEN);
    }

    /** Conversion rate: conversions per (human) click. */
    public BigDecimal cr() {
        return humanClicks == 0 ? BigDecimal.ZERO.setScale(4)
                : BigDecimal.valueOf(conversions).divide(BigDecimal.valueOf(humanClicks), 4, RoundingMode.HALF_EVEN);
    }
}

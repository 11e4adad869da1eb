package io.smartlinkd.config;

import java.math.BigDecimal;
import java.math.BigInteger;

/** Reads money amounts and cap limits. */
final class Amounts {
    private static final int MAX_DECIMALS = 4;

    private Amounts() {
    }

    /** A non-negative amount with at most 4 decimals, or null when absent or invalid (reported). */
    static BigDecimal amount(YamlValue value) {
        String text = value.string();
        if (text == null) {
            return null;
        }
        BigDecimal amount;
        try {
            amount = new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            value.error(value.name() + ": expected an amount such as 1.80, got " + Messages.quote(text));
            return null;
        }
        if (amount.signum() < 0 || amount.stripTrailingZeros().scale() > MAX_DECIMALS) {
            value.error(value.name() + " must be an amount of 0 or more with at most " + MAX_DECIMALS
                    + " decimals (got " + Messages.quote(text) + ")");
            return null;
        }
        return amount;
    }

    /** A cap from 1 to {@code max}; 0 when absent or invalid (reported). */
    static long count(YamlValue value, long max) {
        BigInteger count = value.integer();
        if (count == null) {
            return 0;
        }
        if (count.signum() <= 0 || count.compareTo(BigInteger.valueOf(max)) > 0) {
            value.error(value.name() + " must be between 1 and " + max + " (got " + count + ")");
            return 0;
        }
        return count.longValueExact();
    }

    /** A payout cap in {@link OfferCaps#PAYOUT_SCALE} units; 0 when absent or invalid (reported). */
    static long payout(YamlValue value) {
        BigDecimal amount = amount(value);
        if (amount == null) {
            return 0;
        }
        BigDecimal scaled = amount.multiply(BigDecimal.valueOf(OfferCaps.PAYOUT_SCALE));
        BigDecimal max = BigDecimal.valueOf(OfferCaps.MAX_CAP);
        if (scaled.signum() == 0 || scaled.compareTo(max) > 0) {
            value.error(value.name() + " must be more than 0 and at most "
                    + max.divide(BigDecimal.valueOf(OfferCaps.PAYOUT_SCALE)).toBigInteger() + " (got "
                    + amount.toPlainString() + ")");
            return 0;
        }
        return scaled.longValueExact();
    }
}

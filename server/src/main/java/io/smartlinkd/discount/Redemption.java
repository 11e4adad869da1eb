package io.smartlinkd.discount;

/**
 * What one order did to one code.
 *
 * @param code the code as stored, or null when the store does not know it ({@link Outcome#UNKNOWN})
 */
public record Redemption(Outcome outcome, IssuedCode code) {
    public enum Outcome {
        /** This order redeemed the code: it is attributed. */
        REDEEMED,
        /** This order had redeemed it already: a repeated delivery, nothing changes. */
        REPEATED,
        /** Another order redeemed it first. */
        USED,
        /** Past its validity. */
        EXPIRED,
        /** Handed to no click: never issued, pooled only, or purged. */
        UNKNOWN;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}

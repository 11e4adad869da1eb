package io.smartlinkd.clickid;

/**
 * A click id decoded and authenticated by {@link ClickIdVerifier}; what a postback learns without any lookup.
 * Minting writes the same fields straight into bytes ({@link ClickIdMinter}) and never creates this record.
 * <p>
 * Immutable.
 *
 * @param version     layout version, {@value #CURRENT_VERSION}
 * @param nodeId      node that minted the id, 0..65535
 * @param epochMs     click time, Unix epoch milliseconds
 * @param linkNumber  stable number of the link clicked
 * @param offerNumber offer chosen, 0..65535; 0 = none
 * @param sequence    {@link #minterIndex()} in the top 8 bits, {@link #counter()} in the low 24
 */
public record ClickId(int version, int nodeId, long epochMs, int linkNumber, int offerNumber, int sequence) {
    /** The only layout version minted and accepted. */
    public static final int CURRENT_VERSION = 1;
    /** Every click id is exactly this many URL-safe ASCII characters. */
    public static final int TEXT_LENGTH = 36;

    /** Which minter (event loop) of the node minted the id, 0..255. */
    public int minterIndex() {
        return sequence >>> ClickIdLayout.COUNTER_BITS;
    }

    /** That minter's counter at the time, 0..16777215 (wraps). */
    public int counter() {
        return sequence & ClickIdLayout.COUNTER_MASK;
    }
}

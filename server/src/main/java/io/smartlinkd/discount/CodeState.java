package io.smartlinkd.discount;

/** Life of a code in the issued-code store. Stored as its {@link #code}. */
public enum CodeState {
    /** Made (and, with a store provider, created there) but not handed out yet. */
    POOLED(1),
    /** Handed to a shopper's click; redeemable until it expires. */
    ISSUED(2),
    /** Used by an order: never redeemable again. */
    REDEEMED(3);

    private final int code;

    CodeState(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    public static CodeState of(int code) {
        for (CodeState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        return null;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

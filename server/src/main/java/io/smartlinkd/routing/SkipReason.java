package io.smartlinkd.routing;

/** Why an offer was passed over for a click. Codes are stable (recorded with clicks): append, never renumber. */
public enum SkipReason {
    /** The offer is configured {@code active: false}. */
    INACTIVE(1, "inactive"),
    /** The click is outside the offer's targeting. */
    TARGETING(2, "targeting"),
    /** A click, conversion or payout cap of the offer is reached. */
    CAP(3, "cap"),
    /** A bot or prefetch click and the offer has {@code accept_bots: false}. */
    BOT(4, "bot");

    private static final SkipReason[] BY_CODE = {null, INACTIVE, TARGETING, CAP, BOT};
    private final int code;
    private final String label;

    SkipReason(int code, String label) {
        this.code = code;
        this.label = label;
    }

    public int code() {
        return code;
    }

    public String label() {
        return label;
    }

    /** The reason with this code, or null. */
    public static SkipReason ofCode(int code) {
        return code > 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}

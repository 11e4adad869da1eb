package io.smartlinkd.config;

/** Who may use a link in {@code /{slug}/{partner}} form. */
public enum Access {
    /** Every configured partner, and no partner at all. */
    PUBLIC,
    /** Only the listed partners and partner groups. */
    PRIVATE
}

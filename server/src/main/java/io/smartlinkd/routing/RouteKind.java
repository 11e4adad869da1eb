package io.smartlinkd.routing;

/** Where a routing decision sends a click. */
public enum RouteKind {
    /** No rule matched (or the link has none): the link's own destination. */
    DEFAULT,
    /** A rule matched and names a destination. */
    DESTINATION,
    /** A rule matched and its pool (or the pool's fallback) gave an offer. */
    OFFER,
    /** A rule matched but no offer of its pool nor its fallback was eligible: the link's {@code on_lost} answer. */
    LOST
}

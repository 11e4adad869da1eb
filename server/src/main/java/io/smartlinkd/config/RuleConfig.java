package io.smartlinkd.config;

/**
 * One routing rule of a link: when its conditions hold (and no earlier rule's did), the click goes to the rule's
 * pool or destination.
 *
 * @param number        1-based position in the link's rules; recorded with the click
 * @param name          what explain and reports show; defaults to {@code rule N}
 * @param pool          id of the offer pool, or null when the rule has a destination
 * @param destination   URL template (like the link's destination), or null when the rule has a pool
 * @param destinationAt where the destination is written, for template errors
 * @param discount      id of a discount whose code the rule's clicks get (destination rules only), or null
 */
public record RuleConfig(
        int number,
        String name,
        Conditions when,
        String pool,
        String destination,
        SourceLocation destinationAt,
        String discount,
        SourceLocation at) {
}

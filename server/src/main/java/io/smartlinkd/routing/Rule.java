package io.smartlinkd.routing;

/** A link's rule compiled for the hot path: its conditions and its target, a pool or a destination. Immutable. */
final class Rule {
    final int number;
    final String name;
    final Match when;
    /** Null when the rule has a destination. */
    final Pool pool;
    /** The destination's template program; null when the rule has a pool. */
    final byte[] destination;
    final String destinationText;
    /** Discount number whose code the rule's clicks get; 0 = none. */
    final int discount;

    Rule(int number, String name, Match when, Pool pool, byte[] destination, String destinationText, int discount) {
        this.discount = discount;
        this.number = number;
        this.name = name;
        this.when = when;
        this.pool = pool;
        this.destination = destination;
        this.destinationText = destinationText;
    }
}

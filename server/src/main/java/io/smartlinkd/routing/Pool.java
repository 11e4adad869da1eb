package io.smartlinkd.routing;

import io.smartlinkd.config.PoolConfig;

/** A pool compiled for the hot path: its offers in try order with their weights, and the fallback. Immutable. */
final class Pool {
    final String id;
    final PoolConfig.Strategy strategy;
    final Offer[] offers;
    final int[] weights;
    /** Null when the pool has none. */
    final Offer fallback;

    Pool(String id, PoolConfig.Strategy strategy, Offer[] offers, int[] weights, Offer fallback) {
        this.id = id;
        this.strategy = strategy;
        this.offers = offers;
        this.weights = weights;
        this.fallback = fallback;
    }
}

package io.smartlinkd.config;

import java.util.List;

/**
 * A pool of offers that rules send clicks to.
 *
 * @param entries  in the order offers are tried (for {@link Strategy#PRIORITY}: by priority, then as written)
 * @param fallback offer used when no entry is eligible; null = the click is lost
 */
public record PoolConfig(String id, Strategy strategy, List<Entry> entries, String fallback, SourceLocation at) {
    public enum Strategy {
        /** A weighted random draw among the eligible offers. */
        WEIGHT,
        /** The first eligible offer in order. */
        PRIORITY
    }

    /** @param weight relative share for {@link Strategy#WEIGHT}; 0 = never drawn; 1 for priority pools */
    public record Entry(String offer, int weight, SourceLocation at) {
    }
}

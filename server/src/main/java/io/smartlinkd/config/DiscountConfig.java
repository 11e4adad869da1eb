package io.smartlinkd.config;

import io.smartlinkd.discount.CodeFormat;

/**
 * One discount as the admin wrote it: which store, what its codes look like, how long they are valid and where
 * they come from.
 *
 * @param store      the store's host; a coded click goes to this host
 * @param landing    path (and query) a link without its own destination lands on, e.g. {@code /collections/summer}
 * @param location   the coded redirect, a URL template with {@code {code}} and {@code {landing}} (the click's
 *                   destination path and query, encoded); {@code {store}} is replaced by the store host
 * @param validityMs how long an issued code can be redeemed
 * @param graceMs    how long after expiry an unused code is kept (to tell late orders "expired") before purging
 * @param provider   {@code local} or {@code shopify}
 * @param shopify    the store's Admin API settings; null unless the provider is {@code shopify}
 * @param poolSize   codes made ahead of time
 * @param lowWater   the pool is refilled when it holds fewer codes than this
 * @param whenEmpty  where a coded click goes when the pool is empty; null = the click's destination, without a code
 */
public record DiscountConfig(
        String id,
        String store,
        String landing,
        String location,
        CodeFormat format,
        long validityMs,
        long graceMs,
        String provider,
        ShopifyStoreConfig shopify,
        int poolSize,
        int lowWater,
        String whenEmpty,
        SourceLocation at) {
    public static final String LOCAL = "local";
    public static final String SHOPIFY = "shopify";
    public static final String DEFAULT_LOCATION = "https://{store}/discount/{code}?redirect={landing}";
    /** A link's {@code discount: TBD}: the influencer is known, the code not set yet; clicks go on without one. */
    public static final String PENDING = "TBD";

    /** The page a click without a code lands on. */
    public String landingUrl() {
        return "https://" + store + landing;
    }
}

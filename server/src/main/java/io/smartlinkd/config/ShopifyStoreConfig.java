package io.smartlinkd.config;

/**
 * Admin API access for a discount whose codes live in a Shopify store.
 *
 * @param shop        the shop's {@code *.myshopify.com} host
 * @param discountId  the code discount the codes are added to ({@code gid://shopify/DiscountCodeNode/...})
 * @param accessToken Admin API token (from the environment: {@code ${SHOPIFY_TOKEN}}); never logged
 * @param apiVersion  e.g. {@code 2025-10}
 * @param apiBase     base URI of the API; {@code https://{shop}} unless overridden (a stand-in, a proxy)
 */
public record ShopifyStoreConfig(String shop, String discountId, String accessToken, String apiVersion,
                                 String apiBase) {
    public static final String DEFAULT_API_VERSION = "2025-10";

    @Override
    public String toString() {
        return "ShopifyStoreConfig[shop=" + shop + ", discountId=" + discountId + ", apiVersion=" + apiVersion
                + ", apiBase=" + apiBase + "]";
    }
}

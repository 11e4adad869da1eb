package io.smartlinkd.discount;

import io.smartlinkd.config.DiscountConfig;
import io.smartlinkd.config.ShopifyStoreConfig;
import io.smartlinkd.discount.shopify.ShopifyCodeProvider;
import io.smartlinkd.discount.shopify.ShopifySettings;
import java.net.URI;

/** Makes the code source a discount's {@code provider} names. */
public final class CodeProviders {
    private CodeProviders() {
    }

    public static CodeProvider of(DiscountConfig discount) {
        if (!DiscountConfig.SHOPIFY.equals(discount.provider())) {
            return new LocalCodeProvider();
        }
        ShopifyStoreConfig store = discount.shopify();
        return new ShopifyCodeProvider(ShopifySettings.of(store.shop(), store.discountId(), store.accessToken())
                .withApiVersion(store.apiVersion())
                .withApiBase(URI.create(store.apiBase())));
    }
}

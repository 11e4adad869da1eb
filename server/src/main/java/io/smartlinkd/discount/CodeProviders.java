package io.smartlinkd.discount;

import io.smartlinkd.config.DiscountConfig;

/** Makes the code source a discount's {@code provider} names. */
public final class CodeProviders {
    private CodeProviders() {
    }

    public static CodeProvider of(DiscountConfig discount) {
        if (DiscountConfig.SHOPIFY.equals(discount.provider())) {
            throw new IllegalStateException("discount " + discount.id() + ": the shopify provider is not built in");
        }
        return new LocalCodeProvider();
    }
}

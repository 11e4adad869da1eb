package io.smartlinkd.discount;

/**
 * A code that exists at the store.
 *
 * @param code    the code a customer types at checkout
 * @param storeId the store's numeric id for it, 0 when the provider has none
 */
public record ProvidedCode(String code, long storeId) {
}

package io.smartlinkd.discount;

/** A code that exists at the store; {@code storeId} is 0 when the provider has none. */
public record ProvidedCode(String code, long storeId) {
}

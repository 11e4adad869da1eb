package io.smartlinkd.discount;

/**
 * One code as the store keeps it (decoded; the event loop works on the encoded bytes of {@link IssuedCodeFormat}).
 *
 * @param visitorKey keyed hash of the visitor and link it was issued to (0 while pooled)
 * @param storeId    the store's id for the code (0 for local codes); needed to delete it there
 * @param clickId    the click it was issued on; empty while pooled
 * @param orderId    the order that redeemed it; empty until then
 */
public record IssuedCode(String code, CodeState state, long issuedMs, long expiresMs, long redeemedMs, long visitorKey,
                         long storeId, String clickId, String discountId, String linkId, String partner,
                         String orderId) {
    public boolean expiredAt(long nowMs) {
        return nowMs >= expiresMs;
    }
}

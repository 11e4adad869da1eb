package io.smartlinkd.discount;

import java.math.BigDecimal;
import java.util.List;

/**
 * An order as a store reported it, reduced to what attribution needs.
 *
 * @param source   {@code shopify} or {@code api} (the signed generic endpoint)
 * @param total    what the shopper paid, in {@code currency}
 * @param codes    discount codes applied, normalised to upper case; may be empty
 */
public record Order(String source, String orderId, BigDecimal total, String currency, List<String> codes) {
    /** The ledger key: order ids are unique per source only. */
    public String key() {
        return source + ":" + orderId;
    }
}

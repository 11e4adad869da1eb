package io.smartlinkd.discount;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Reads order webhooks after their signature has been checked: Shopify's {@code orders/create} payload, and the
 * generic signed endpoint's {@code {"order_id", "total", "currency", "codes": [...]}}. Anything malformed is an
 * {@link IllegalArgumentException} with a message fit for a 400 answer.
 */
public final class OrderParser {
    private static final int MAX_CODES = 32;
    private static final ObjectMapper JSON = new ObjectMapper();

    static {
        JSON.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64)
                .maxNumberLength(64).maxStringLength(1 << 20).build());
    }

    private OrderParser() {
    }

    /** Shopify: {@code id}, {@code total_price} (a decimal string), {@code currency}, {@code discount_codes[].code}. */
    public static Order shopify(byte[] body) {
        JsonNode order = read(body);
        String id = idText(order.get("id"), "id");
        BigDecimal total = amount(order.get("total_price"), "total_price");
        String currency = currency(order.get("currency"));
        List<String> codes = new ArrayList<>();
        JsonNode applied = order.get("discount_codes");
        if (applied != null && !applied.isNull()) {
            if (!applied.isArray()) {
                throw new IllegalArgumentException("discount_codes must be a list");
            }
            for (JsonNode item : applied) {
                addCode(codes, item == null ? null : item.get("code"));
            }
        }
        return new Order("shopify", id, total, currency, List.copyOf(codes));
    }

    /** The generic endpoint: {@code order_id}, {@code total}, {@code currency}, {@code codes}. */
    public static Order generic(byte[] body) {
        JsonNode order = read(body);
        String id = idText(order.get("order_id"), "order_id");
        BigDecimal total = amount(order.get("total"), "total");
        String currency = currency(order.get("currency"));
        List<String> codes = new ArrayList<>();
        JsonNode listed = order.get("codes");
        if (listed != null && !listed.isNull()) {
            if (!listed.isArray()) {
                throw new IllegalArgumentException("codes must be a list of strings");
            }
            for (JsonNode item : listed) {
                addCode(codes, item);
            }
        }
        return new Order("api", id, total, currency, List.copyOf(codes));
    }

    private static JsonNode read(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("the body must be a JSON object");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new IllegalArgumentException("the body cannot be read: " + e.getMessage());
        }
    }

    private static String idText(JsonNode node, String field) {
        if (node == null || !(node.isIntegralNumber() || node.isTextual())) {
            throw new IllegalArgumentException(field + " is missing (a number or string)");
        }
        String id = node.asText();
        if (id.isEmpty() || id.length() > 64) {
            throw new IllegalArgumentException(field + " must be 1 to 64 characters");
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(field + " must be printable ASCII");
            }
        }
        return id;
    }

    private static BigDecimal amount(JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return BigDecimal.ZERO;
        }
        try {
            BigDecimal amount = node.isNumber() ? node.decimalValue() : new BigDecimal(node.asText().trim());
            if (amount.signum() < 0 || amount.compareTo(new BigDecimal("1000000000000")) >= 0
                    || amount.scale() > 6) {
                throw new IllegalArgumentException(field + " must be between 0 and 10^12 with at most 6 decimals");
            }
            return amount;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a decimal amount");
        }
    }

    private static String currency(JsonNode node) {
        if (node == null || node.isNull()) {
            return "";
        }
        String text = node.asText().trim().toUpperCase(Locale.ROOT);
        try {
            return Currency.getInstance(text).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("currency is not an ISO 4217 code");
        }
    }

    private static void addCode(List<String> codes, JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isTextual()) {
            throw new IllegalArgumentException("a discount code must be a string");
        }
        if (codes.size() >= MAX_CODES) {
            throw new IllegalArgumentException("more than " + MAX_CODES + " discount codes");
        }
        String code = CodeFormat.normalized(node.asText());
        if (code != null && !codes.contains(code)) {
            codes.add(code);
        } else if (code == null) {
            // Not one of ours in form (spaces, symbols): kept so the record says an unknown code was used.
            codes.add(sanitized(node.asText()));
        }
    }

    private static String sanitized(String text) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < text.length() && out.length() < CodeFormat.MAX_CODE_CHARS; i++) {
            char c = text.charAt(i);
            out.append(c >= 0x20 && c < 0x7F ? c : '?');
        }
        return out.toString();
    }
}

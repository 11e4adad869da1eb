package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class OrderParserTest {
    @Test
    void shouldReadAShopifyOrdersCreatePayload() {
        String body = """
                {"id":820982911946154508,"admin_graphql_api_id":"gid://shopify/Order/820982911946154508",
                 "currency":"usd","total_price":"199.65","subtotal_price":"189.65",
                 "discount_codes":[{"code":"sum-abcd","amount":"10.00","type":"fixed_amount"},
                                   {"code":"OTHER 10","amount":"0.00","type":"percentage"}],
                 "customer":{"email":"jon@example.com"},"line_items":[]}
                """;
        Order order = OrderParser.shopify(body.getBytes(StandardCharsets.UTF_8));
        assertEquals(new Order("shopify", "820982911946154508", new BigDecimal("199.65"), "USD",
                List.of("SUM-ABCD", "OTHER 10")), order);
        assertEquals("shopify:820982911946154508", order.key());
    }

    @Test
    void shouldReadTheGenericEndpoint() {
        Order order = OrderParser.generic("{\"order_id\":\"A-1\",\"total\":12.5,\"currency\":\"EUR\",\"codes\":[\"X1\"]}"
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(new Order("api", "A-1", new BigDecimal("12.5"), "EUR", List.of("X1")), order);
    }

    @Test
    void shouldRefuseMalformedOrdersWithAReason() {
        assertMessage("not valid JSON", "{\"id\":");
        assertMessage("JSON object", "[1,2]");
        assertMessage("id is missing", "{\"total_price\":\"1\"}");
        assertMessage("total_price must be between", "{\"id\":1,\"total_price\":\"-5\"}");
        assertMessage("not a decimal", "{\"id\":1,\"total_price\":\"ten\"}");
        assertMessage("ISO 4217", "{\"id\":1,\"currency\":\"EURO\"}");
        assertMessage("must be a list", "{\"id\":1,\"discount_codes\":\"A\"}");
        assertMessage("printable ASCII", "{\"id\":\"a\\nb\"}");
        StringBuilder many = new StringBuilder("{\"id\":1,\"discount_codes\":[");
        for (int i = 0; i < 33; i++) {
            many.append(i == 0 ? "" : ",").append("{\"code\":\"C").append(i).append("\"}");
        }
        assertMessage("more than 32", many.append("]}").toString());
        StringBuilder deep = new StringBuilder();
        deep.append("[".repeat(1000));
        assertThrows(IllegalArgumentException.class,
                () -> OrderParser.shopify(deep.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static void assertMessage(String expected, String body) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OrderParser.shopify(body.getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

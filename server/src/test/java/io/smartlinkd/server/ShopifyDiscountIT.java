package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.discount.shopify.ShopifyStandIn;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shopify provider through the real server against a local stand-in of the Admin GraphQL API: every code a
 * click gets was created in the store first (through throttling), and ready codes an earlier run never handed
 * out are deleted from the store at the next start.
 */
@Timeout(120)
class ShopifyDiscountIT {
    private static final Pattern CODED = Pattern.compile("https://shop\\.example\\.com/discount/([A-Z0-9-]+)\\?.*");

    @TempDir
    Path root;

    @Test
    void shouldOnlyHandOutCodesThatExistInTheStoreAndRetireUnusedOnes() throws Exception {
        try (ShopifyStandIn shop = ShopifyStandIn.start()) {
            shop.throttleNext(2);
            String[] config = {
                "server.yaml", """
                    server:
                      default_domain: go.example.com
                    domains:
                      - host: go.example.com
                    discounts:
                      - id: summer
                        store: shop.example.com
                        provider: shopify
                        pool: { size: 16, low_water: 4 }
                        shopify:
                          shop: %s
                          discount_id: "%s"
                          access_token: %s
                          api_base: %s
                    links:
                      - slug: summer
                        discount: summer
                    """.formatted(ShopifyStandIn.SHOP_DOMAIN, shop.discountId(), shop.accessToken(),
                        shop.baseUri())};
            String code;
            try (TestServer server = TestServer.start(root, config)) {
                await(() -> shop.codes().size() == 16, "the pool's codes are created in the store");
                await(() -> metric(server, "smartlinkd_code_pool_ready{discount=\"summer\"} 16"), "pool filled");
                assertTrue(shop.calls("discountRedeemCodeBulkAdd") >= 1);
                code = code(server);
                assertTrue(shop.codes().contains(code), "a code is handed out only once the store has it");
            }
            Set<String> before = shop.codes();
            assertEquals(16, before.size());
            try (TestServer server = TestServer.start(root)) {
                await(() -> !shop.codes().stream().anyMatch(c -> before.contains(c) && !c.equals(code)),
                        "the 15 ready codes of the first run are deleted from the store");
                assertTrue(shop.codes().contains(code), "the issued code stays valid");
                await(() -> shop.codes().size() == 17, "a fresh pool of 16 next to the issued code");
                String next = code(server);
                assertFalse(before.contains(next));
                assertTrue(shop.calls("discountCodeRedeemCodeBulkDelete") >= 1);
            }
        }
    }

    /** A store that refuses the token: the pool never fills, clicks go to when_empty, counted, never failed. */
    @Test
    void shouldSendClicksToTheEmptyPoolPageWhenTheStoreCannotMakeCodes() throws Exception {
        try (ShopifyStandIn shop = ShopifyStandIn.start()) {
            String[] config = {
                "server.yaml", """
                    server:
                      default_domain: go.example.com
                    domains:
                      - host: go.example.com
                    discounts:
                      - id: summer
                        store: shop.example.com
                        provider: shopify
                        pool: { size: 16, low_water: 4 }
                        when_empty: https://shop.example.com/pages/no-code-today
                        shopify:
                          shop: %s
                          discount_id: "%s"
                          access_token: not-the-token
                          api_base: %s
                    links:
                      - slug: summer
                        discount: summer
                    """.formatted(ShopifyStandIn.SHOP_DOMAIN, shop.discountId(), shop.baseUri())};
            try (TestServer server = TestServer.start(root, config)) {
                HttpResponse<String> response = server.client.send(HttpRequest.newBuilder(URI.create(server.base()
                                + "/summer")).header("User-Agent", TestServer.BROWSER)
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
                assertEquals(302, response.statusCode());
                assertEquals("https://shop.example.com/pages/no-code-today",
                        response.headers().firstValue("Location").orElseThrow());
                assertTrue(metric(server, "smartlinkd_code_pool_empty_total{discount=\"summer\"} 1"));
                assertFalse(metric(server, "smartlinkd_code_refill_failures_total 0"), "the refusals are counted");
                assertTrue(shop.codes().isEmpty());
            }
        }
    }

    private static String code(TestServer server) throws Exception {
        HttpResponse<String> response = server.client.send(HttpRequest.newBuilder(URI.create(server.base()
                        + "/summer")).header("User-Agent", TestServer.BROWSER).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = response.headers().firstValue("Location").orElse("");
        Matcher matcher = CODED.matcher(location);
        assertTrue(matcher.matches(), location);
        return matcher.group(1);
    }

    private static boolean metric(TestServer server, String line) {
        try {
            return server.adminGet("/metrics").body().contains(line + "\n");
        } catch (Exception e) {
            return false;
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting: " + what);
            }
            Thread.sleep(50);
        }
    }
}

package io.smartlinkd.discount.shopify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ShopifySettingsTest {
    private static final String DISCOUNT = "gid://shopify/DiscountCodeNode/123";
    private static final String TOKEN = "shpat_very_secret_token";

    @Test
    void shouldDefaultToTheShopOverHttpsAndTheDocumentedApiVersion() {
        ShopifySettings settings = ShopifySettings.of("my-store.myshopify.com", DISCOUNT, TOKEN);
        assertEquals("2025-10", settings.apiVersion());
        assertEquals(URI.create("https://my-store.myshopify.com/admin/api/2025-10/graphql.json"), settings.endpoint());
        assertEquals(ShopifySettings.DEFAULT_MAX_ATTEMPTS, settings.maxAttempts());
        assertEquals(120, settings.maxPolls());
    }

    @Test
    void shouldPointAtAnotherBaseAndVersion() {
        ShopifySettings settings = ShopifySettings.of("my-store.myshopify.com", DISCOUNT, TOKEN)
                .withApiBase(URI.create("http://127.0.0.1:8080/")).withApiVersion("2026-01");
        assertEquals(URI.create("http://127.0.0.1:8080/admin/api/2026-01/graphql.json"), settings.endpoint());
    }

    @Test
    void shouldNeverShowTheTokenInToString() {
        String text = ShopifySettings.of("my-store.myshopify.com", DISCOUNT, TOKEN).toString();
        assertFalse(text.contains(TOKEN), text);
        assertTrue(text.contains("my-store.myshopify.com"), text);
    }

    @Test
    void shouldRejectBadArgumentsWithPreciseMessages() {
        assertMessage("shopDomain must be a host name", () -> ShopifySettings.of("https://x.myshopify.com", DISCOUNT,
                TOKEN));
        assertMessage("discountId must be a GID", () -> ShopifySettings.of("x.myshopify.com", "123", TOKEN));
        assertMessage("accessToken must not be blank", () -> ShopifySettings.of("x.myshopify.com", DISCOUNT, " "));
        ShopifySettings ok = ShopifySettings.of("x.myshopify.com", DISCOUNT, TOKEN);
        assertMessage("maxAttempts must be at least 1",
                () -> ok.withRetries(0, Duration.ofMillis(1), Duration.ofMillis(2)));
        assertMessage("maxBackoff", () -> ok.withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertMessage("pollInterval must be a positive duration", () -> ok.withPolling(Duration.ZERO,
                Duration.ofSeconds(1)));
        assertMessage("apiBase must be an http(s) URI", () -> ok.withApiBase(URI.create("ftp://x")));
    }

    private static void assertMessage(String expected, org.junit.jupiter.api.function.Executable executable) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, executable);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }
}

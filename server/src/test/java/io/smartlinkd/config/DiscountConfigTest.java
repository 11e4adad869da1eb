package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smartlinkd.discount.CodeFormat;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Discounts as read from YAML, links and rules that use them, and the errors admins get for mistakes. */
@Timeout(10)
class DiscountConfigTest {
    @TempDir
    Path dir;

    private ConfigDir config;

    @BeforeEach
    void setUp() {
        config = new ConfigDir(dir).withDomain();
    }

    @Test
    void shouldReadDiscountsWithTheirDefaults() throws Exception {
        Config loaded = config.write("discounts.yaml", """
                discounts:
                  - id: summer
                    store: shop.example.com
                    landing: /collections/summer
                  - id: shopify-summer
                    store: shop.example.com
                    code: { prefix: SUM-, alphabet: ABCDEFGHJKMNPQRSTUVWXYZ23456789, length: 16 }
                    validity: 48h
                    grace: 1d
                    provider: shopify
                    shopify: { shop: my-store.myshopify.com, discount_id: "gid://shopify/DiscountCodeNode/1",
                               access_token: shpat_secret_token }
                    pool: { size: 5000, low_water: 1000 }
                    location: "https://{store}/discount/{code}?redirect={landing}&ref=smartlinkd"
                    when_empty: https://shop.example.com/pages/sold-out
                """).write("links.yaml", """
                links:
                  - slug: anna
                    discount: summer
                  - slug: ben
                    destination: https://shop.example.com/new
                    discount: tbd
                """).load();
        DiscountConfig summer = loaded.discount("summer");
        assertEquals(new DiscountConfig("summer", "shop.example.com", "/collections/summer",
                DiscountConfig.DEFAULT_LOCATION.replace("{store}", "shop.example.com"), CodeFormat.DEFAULT,
                86_400_000L, 7 * 86_400_000L, "local", null, 1000, 250, null, summer.at()), summer);
        DiscountConfig shopify = loaded.discount("shopify-summer");
        assertEquals(new CodeFormat("SUM-", "ABCDEFGHJKMNPQRSTUVWXYZ23456789", 16), shopify.format());
        assertEquals(new ShopifyStoreConfig("my-store.myshopify.com", "gid://shopify/DiscountCodeNode/1",
                "shpat_secret_token", "2025-10", "https://my-store.myshopify.com"), shopify.shopify());
        assertEquals(false, shopify.shopify().toString().contains("shpat"), "the token is never printed");
        assertEquals("https://shop.example.com/collections/summer", loaded.links().get(0).destination(),
                "a link without a destination lands on the discount's landing page");
        assertEquals("summer", loaded.links().get(0).discount());
        assertEquals(DiscountConfig.PENDING, loaded.links().get(1).discount());
        assertNull(loaded.links().get(1).routing().rules().isEmpty() ? null : "rules");
    }

    @Test
    void shouldPointAtEachDiscountMistake() {
        config.write("discounts.yaml", """
                discounts:
                  - id: weak
                    store: shop.example.com
                    code: { alphabet: "0123456789", length: 8 }
                  - id: mixed
                    store: Shop.Example.com
                    landing: collections/summer
                  - id: bad-provider
                    store: shop.example.com
                    provider: woo
                  - id: no-shopify
                    store: shop.example.com
                    provider: shopify
                  - id: small-pool
                    store: shop.example.com
                    pool: { size: 100, low_water: 100 }
                    location: "https://{store}/discount/CODE"
                  - id: weak
                    store: shop.example.com
                """).write("links.yaml", """
                links:
                  - slug: elsewhere
                    destination: https://other.example.com/
                    discount: small-pool
                  - slug: ghost
                    discount: nowhere
                  - slug: forever
                    discount: small-pool
                    redirect: 301
                  - slug: pending
                    discount: TBD
                """);
        assertEquals(List.of(
                "discounts.yaml:4:11: code: codes of 8 characters from 10 have 26.6 random bits; at least 40 are"
                        + " needed (make them longer or the alphabet larger)",
                "discounts.yaml:6:12: store must be lowercase (got 'Shop.Example.com')",
                "discounts.yaml:7:14: landing must be a path on the store, starting with a single '/' (got"
                        + " 'collections/summer')",
                "discounts.yaml:10:15: provider must be local or shopify (got 'woo')",
                "discounts.yaml:13:15: provider shopify needs a shopify: section (shop, discount_id, access_token)",
                "discounts.yaml:16:35: pool.low_water must be below pool.size (100)",
                "discounts.yaml:17:15: location must contain {code}",
                "discounts.yaml:18:9: discount id 'weak' is already used at discounts.yaml:2:9",
                "links.yaml:3:18: destination is on 'other.example.com' but discount 'small-pool' is for the store"
                        + " shop.example.com; a coded click lands on the store",
                "links.yaml:5:5: unknown discount 'nowhere' (or TBD while the code is not set)",
                "links.yaml:9:15: redirect 301 is permanent and browsers cache it; a link with a discount needs 302"
                        + " or 307",
                "links.yaml:10:5: a link with discount: TBD needs a destination (where its clicks go until the code"
                        + " is set)"), config.errors());
    }
}

package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.discount.WebhookSignature;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.ClickRecordView;
import io.smartlinkd.journal.JournalFiles;
import io.smartlinkd.journal.JournalFormat;
import io.smartlinkd.journal.OrderRecord;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Discount codes through the real server: a coded redirect per shopper (the same code again for the same visitor),
 * none for bots or a TBD link, order webhooks verified and attributed exactly once, and codes that survive a
 * restart. The journal is read after a graceful stop.
 */
@Timeout(120)
class DiscountIT {
    private static final String GENERIC_SECRET = "generic-webhook-secret-0123456789";
    private static final String SHOPIFY_NEW = "shopify-new-secret-0123456789";
    private static final String SHOPIFY_OLD = "shopify-old-secret-0123456789";
    private static final Pattern CODED = Pattern.compile(
            "https://shop\\.example\\.com/discount/(SUM-[A-HJKMNP-Z2-9]{14})\\?redirect=([^&]+)");
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    private static final String[] CONFIG = {
        "server.yaml", """
            server:
              node_id: 3
              default_domain: go.example.com
              webhooks:
                secrets: [%s]
                shopify_secrets: [%s, %s]
            domains:
              - host: go.example.com
            partners:
              - id: anna
                utm: { source: anna }
              - id: ben
            """.formatted(GENERIC_SECRET, SHOPIFY_NEW, SHOPIFY_OLD),
        "discounts.yaml", """
            discounts:
              - id: summer
                store: shop.example.com
                landing: /collections/summer
                code: { prefix: SUM- }
                pool: { size: 64, low_water: 16 }
            """,
        "links.yaml", """
            links:
              - slug: summer
                domain: go.example.com
                discount: summer
                utm: { medium: influencer }
              - slug: soon
                domain: go.example.com
                destination: https://shop.example.com/new
                discount: TBD
              - slug: insta
                domain: go.example.com
                destination: https://shop.example.com/all
                rules:
                  - { name: instagram, when: { query: { src: ig } }, destination: "https://shop.example.com/ig", discount: summer }
            """};

    @TempDir
    Path root;

    @Test
    void shouldHandEachShopperTheirOwnCodeAndTheSameOneAgain() throws Exception {
        try (TestServer server = TestServer.start(root, CONFIG)) {
            HttpResponse<String> first = click(server, "/summer/anna", TestServer.BROWSER, null);
            assertEquals(302, first.statusCode());
            Matcher coded = coded(first);
            assertEquals("/collections/summer?utm_medium=influencer&utm_source=anna",
                    URLDecoder.decode(coded.group(2), StandardCharsets.UTF_8));
            String cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];

            HttpResponse<String> again = click(server, "/summer/anna", TestServer.BROWSER, cookie);
            assertEquals(coded.group(1), coded(again).group(1), "same visitor, same link: same code");

            HttpResponse<String> other = click(server, "/summer/anna", TestServer.BROWSER + " Other/1", null);
            assertNotEquals(coded.group(1), coded(other).group(1), "another shopper gets another code");

            HttpResponse<String> bot = click(server, "/summer/anna", GOOGLEBOT, null);
            assertEquals("https://shop.example.com/collections/summer?utm_medium=influencer&utm_source=anna",
                    bot.headers().firstValue("Location").orElseThrow(), "bots get the page, never a code");

            HttpResponse<String> pending = click(server, "/soon", TestServer.BROWSER, null);
            assertEquals("https://shop.example.com/new", pending.headers().firstValue("Location").orElseThrow());

            String explained = server.adminGet("/explain?url=http://go.example.com/summer/anna&ua="
                    + java.net.URLEncoder.encode(TestServer.BROWSER, StandardCharsets.UTF_8)).body();
            assertTrue(explained.contains("\"discount\":\"summer\",\"code\":\"a fresh single-use code"), explained);
            assertTrue(server.adminGet("/explain?url=http://go.example.com/soon").body()
                    .contains("\"discount\":\"TBD\",\"code\":\"none: the code is not set yet\""));
            assertTrue(explained.contains("\"destination\":\"https://shop.example.com/collections/summer"
                    + "?utm_medium=influencer[partner's utm_* parameters]\""), explained);
            assertTrue(server.adminGet("/explain?url=http://go.example.com/soon").body()
                    .contains("\"destination\":\"https://shop.example.com/new\""));

            // A rule's own discount: its clicks get codes, the link's other clicks do not.
            HttpResponse<String> instagram = click(server, "/insta?src=ig", TestServer.BROWSER, null);
            assertEquals("/ig", URLDecoder.decode(coded(instagram).group(2), StandardCharsets.UTF_8));
            assertEquals("https://shop.example.com/all", click(server, "/insta", TestServer.BROWSER, null)
                    .headers().firstValue("Location").orElseThrow());
            String rule = server.adminGet("/explain?url=" + java.net.URLEncoder.encode(
                    "http://go.example.com/insta?src=ig", StandardCharsets.UTF_8) + "&ua="
                    + java.net.URLEncoder.encode(TestServer.BROWSER, StandardCharsets.UTF_8)).body();
            assertTrue(rule.contains("\"discount\":\"summer\",\"code\":\"a fresh single-use code"), rule);
            String noRule = server.adminGet("/explain?url=http://go.example.com/insta").body();
            assertTrue(noRule.contains("\"destination\":\"https://shop.example.com/all\""), noRule);
            assertFalse(noRule.contains("\"discount\""), noRule);

            String metrics = server.adminGet("/metrics").body();
            assertTrue(metrics.contains("smartlinkd_codes_issued_total 3\n"), metrics);
            assertTrue(metrics.contains("smartlinkd_codes_reissued_total 1\n"), metrics);
            assertTrue(metrics.contains("smartlinkd_codes_pending_clicks_total 1\n"), metrics);
            assertTrue(metrics.contains("smartlinkd_code_pool_ready{discount=\"summer\"}"), metrics);

            server.close();
            List<String> journaledCodes = new ArrayList<>();
            for (JournalFiles.Record click : JournalFiles.clicks(server.dataDir.resolve("journal"))) {
                ClickRecordView view = new ClickRecordView();
                assertEquals(null, view.wrap(java.nio.ByteBuffer.wrap(click.payload())
                        .order(java.nio.ByteOrder.LITTLE_ENDIAN), 0, click.payload().length));
                journaledCodes.add(view.string(ClickLayout.DISCOUNT_CODE));
            }
            assertEquals(List.of(coded.group(1), coded.group(1), coded(other).group(1), "", "",
                    coded(instagram).group(1), ""), journaledCodes);
        }
    }

    @Test
    void shouldRedeemACodeOnceAndAttributeTheOrderToTheLinkAndPartner() throws Exception {
        try (TestServer server = TestServer.start(root, CONFIG)) {
            String code = coded(click(server, "/summer/anna", TestServer.BROWSER, null)).group(1);
            String order = "{\"order_id\":\"1001\",\"total\":\"59.90\",\"currency\":\"eur\",\"codes\":[\""
                    + code.toLowerCase() + "\"]}";

            HttpResponse<String> accepted = post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", order,
                    WebhookSignature.sign(GENERIC_SECRET, bytes(order)));
            assertEquals(200, accepted.statusCode(), accepted.body());
            assertEquals("{\"order\":\"1001\",\"codes\":[{\"code\":\"" + code + "\",\"outcome\":\"redeemed\"}]}\n",
                    accepted.body());
            HttpResponse<String> repeated = post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", order,
                    WebhookSignature.sign(GENERIC_SECRET, bytes(order)));
            assertEquals(accepted.body(), repeated.body(), "a repeated delivery changes nothing");

            String reuse = "{\"order_id\":\"1002\",\"total\":\"20\",\"currency\":\"EUR\",\"codes\":[\"" + code + "\"]}";
            HttpResponse<String> used = post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", reuse,
                    WebhookSignature.sign(GENERIC_SECRET, bytes(reuse)));
            assertTrue(used.body().contains("\"outcome\":\"used\""), used.body());

            String unknown = "{\"order_id\":\"1003\",\"total\":\"5\",\"currency\":\"EUR\",\"codes\":[\"NOT-OURS\"]}";
            String signature = WebhookSignature.sign(GENERIC_SECRET, bytes(unknown));
            byte[] flipped = bytes(unknown);
            flipped[flipped.length - 3] ^= 1;
            assertEquals(401, post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256",
                    new String(flipped, StandardCharsets.UTF_8), signature).statusCode());
            assertEquals(401, post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", unknown,
                    flipBit(signature)).statusCode());
            assertEquals(401, post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", unknown, null)
                    .statusCode());
            assertEquals(400, post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", "{\"total\":1}",
                    WebhookSignature.sign(GENERIC_SECRET, bytes("{\"total\":1}"))).statusCode());
            assertTrue(server.adminGet("/metrics").body().contains("smartlinkd_webhook_signatures_refused_total 3\n"));
            // Signed properly, but the code is none of ours: recorded as unknown, no revenue.
            HttpResponse<String> notOurs = post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", unknown,
                    signature);
            assertEquals(200, notOurs.statusCode());
            assertTrue(notOurs.body().contains("\"code\":\"NOT-OURS\",\"outcome\":\"unknown\""), notOurs.body());

            server.close();
            List<OrderRecord> orders = orders(server);
            assertEquals(3, orders.size(), "refused deliveries store nothing: " + orders);
            OrderRecord first = orders.get(0);
            assertEquals(OrderRecord.Outcome.REDEEMED, first.outcome());
            assertEquals(59_900_000L, first.revenueMicros());
            assertEquals(List.of("api", "1001", code, "EUR", "summer", "summer", "anna"), List.of(first.source(),
                    first.orderId(), first.code(), first.currency(), first.discountId(), first.linkId(),
                    first.partner()));
            assertEquals(36, first.clickId().length());
            assertEquals(OrderRecord.Outcome.USED, orders.get(1).outcome());
            assertEquals(0, orders.get(1).revenueMicros());
            assertEquals(List.of("1003", "NOT-OURS", "unknown", "0", ""), List.of(orders.get(2).orderId(),
                    orders.get(2).code(), orders.get(2).outcome().label(),
                    Long.toString(orders.get(2).revenueMicros()), orders.get(2).clickId()));
        }
    }

    /** RELIABILITY 12 over HTTP: 1,000 orders at once for one code; exactly one is attributed. */
    @Test
    void shouldLetExactlyOneOf1000ConcurrentDeliveriesRedeemACode() throws Exception {
        try (TestServer server = TestServer.start(root, CONFIG)) {
            String code = coded(click(server, "/summer/anna", TestServer.BROWSER, null)).group(1);
            java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                    .executor(java.util.concurrent.Executors.newFixedThreadPool(64)).build();
            List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> deliveries = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                String order = "{\"order_id\":\"race-" + i + "\",\"total\":\"10\",\"currency\":\"EUR\","
                        + "\"codes\":[\"" + code + "\"]}";
                deliveries.add(client.sendAsync(HttpRequest.newBuilder(URI.create(server.base() + "/webhooks/orders"))
                        .timeout(Duration.ofSeconds(60))
                        .header("X-Smartlinkd-Hmac-Sha256", WebhookSignature.sign(GENERIC_SECRET, bytes(order)))
                        .POST(HttpRequest.BodyPublishers.ofString(order)).build(),
                        HttpResponse.BodyHandlers.ofString()));
            }
            int redeemed = 0;
            int used = 0;
            for (java.util.concurrent.CompletableFuture<HttpResponse<String>> delivery : deliveries) {
                HttpResponse<String> response = delivery.get();
                assertEquals(200, response.statusCode(), response.body());
                redeemed += response.body().contains("\"redeemed\"") ? 1 : 0;
                used += response.body().contains("\"used\"") ? 1 : 0;
            }
            assertEquals(1, redeemed);
            assertEquals(999, used);
            server.close();
            assertEquals(1, orders(server).stream().filter(o -> o.outcome() == OrderRecord.Outcome.REDEEMED).count());
            assertEquals(1_000, orders(server).size());
        }
    }

    @Test
    void shouldVerifyShopifyWebhooksWithEitherSecretDuringARotation() throws Exception {
        try (TestServer server = TestServer.start(root, CONFIG)) {
            String code = coded(click(server, "/summer/anna", TestServer.BROWSER, null)).group(1);
            String order = "{\"id\":820982911946154508,\"email\":\"jon@example.com\",\"total_price\":\"199.65\","
                    + "\"currency\":\"USD\",\"discount_codes\":[{\"code\":\"" + code + "\",\"amount\":\"10.00\","
                    + "\"type\":\"fixed_amount\"}],\"line_items\":[]}";
            String header = "X-Shopify-Hmac-Sha256";
            assertEquals(401, post(server, "/webhooks/shopify/orders", header, order,
                    WebhookSignature.sign(GENERIC_SECRET, bytes(order))).statusCode(), "not a Shopify secret");
            HttpResponse<String> old = post(server, "/webhooks/shopify/orders", header, order,
                    WebhookSignature.sign(SHOPIFY_OLD, bytes(order)));
            assertEquals(200, old.statusCode(), old.body());
            assertTrue(old.body().contains("\"outcome\":\"redeemed\""), old.body());
            HttpResponse<String> repeat = post(server, "/webhooks/shopify/orders", header, order,
                    WebhookSignature.sign(SHOPIFY_NEW, bytes(order)));
            assertEquals(old.body(), repeat.body());
            server.close();
            List<OrderRecord> orders = orders(server);
            assertEquals(1, orders.size());
            assertEquals("820982911946154508", orders.get(0).orderId());
            assertEquals(199_650_000L, orders.get(0).revenueMicros());
        }
    }

    @Test
    void shouldKeepIssuedCodesAcrossARestart() throws Exception {
        String code;
        String cookie;
        try (TestServer server = TestServer.start(root, CONFIG)) {
            HttpResponse<String> first = click(server, "/summer/anna", TestServer.BROWSER, null);
            code = coded(first).group(1);
            cookie = first.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        }
        try (TestServer server = TestServer.start(root)) {
            assertEquals(code, coded(click(server, "/summer/anna", TestServer.BROWSER, cookie)).group(1));
            String order = "{\"order_id\":\"9\",\"total\":\"1\",\"currency\":\"EUR\",\"codes\":[\"" + code + "\"]}";
            HttpResponse<String> redeemed = post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", order,
                    WebhookSignature.sign(GENERIC_SECRET, bytes(order)));
            assertTrue(redeemed.body().contains("\"outcome\":\"redeemed\""), redeemed.body());
            HttpResponse<String> next = click(server, "/summer/anna", TestServer.BROWSER, cookie);
            assertNotEquals(code, coded(next).group(1), "a used code is not handed out again");
        }
    }

    @Test
    void shouldRefuseWebhooksThatAreOffOrTooLarge() throws Exception {
        try (TestServer server = TestServer.start(root, CONFIG[0], CONFIG[1].replace("webhooks:\n    secrets",
                "webhooks:\n    max_body_bytes: 2048\n    secrets"), CONFIG[2], CONFIG[3], CONFIG[4], CONFIG[5])) {
            String huge = "{\"order_id\":\"1\",\"pad\":\"" + "x".repeat(4096) + "\"}";
            assertEquals(413, post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", huge,
                    WebhookSignature.sign(GENERIC_SECRET, bytes(huge))).statusCode());
            assertEquals(405, post(server, "/summer", "X-Smartlinkd-Hmac-Sha256", "{}", "x").statusCode());
            assertEquals(302, click(server, "/summer/anna", TestServer.BROWSER, null).statusCode());
        }
        try (TestServer server = TestServer.start(root.resolve("plain"), "server.yaml",
                "domains: [{host: go.example.com}]\n")) {
            assertEquals(404, post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", "{}", "x").statusCode(),
                    "no secret configured: the endpoint is off");
        }
    }

    @Test
    void shouldShowOrdersAndRevenueByLinkAndPartnerOnceLoaded() throws Exception {
        Path db = root.resolve("report.duckdb");
        try (TestServer server = TestServer.start(root, CONFIG)) {
            String anna = coded(click(server, "/summer/anna", TestServer.BROWSER, null)).group(1);
            coded(click(server, "/summer/anna", TestServer.BROWSER + " Second/1", null));
            String ben = coded(click(server, "/summer/ben", TestServer.BROWSER, null)).group(1);
            for (String order : new String[] {
                "{\"order_id\":\"A\",\"total\":\"59.90\",\"currency\":\"EUR\",\"codes\":[\"" + anna + "\"]}",
                "{\"order_id\":\"B\",\"total\":\"20\",\"currency\":\"EUR\",\"codes\":[\"" + ben + "\"]}",
                "{\"order_id\":\"C\",\"total\":\"99\",\"currency\":\"EUR\",\"codes\":[\"" + anna + "\"]}"}) {
                assertEquals(200, post(server, "/webhooks/orders", "X-Smartlinkd-Hmac-Sha256", order,
                        WebhookSignature.sign(GENERIC_SECRET, bytes(order))).statusCode());
            }
            server.close();
            try (io.smartlinkd.loader.JournalLoader loader = new io.smartlinkd.loader.JournalLoader(
                    new io.smartlinkd.journal.JournalReader(server.dataDir.resolve("journal")),
                    io.smartlinkd.loader.ClickStore.open(db.toString()), 1_000)) {
                while (loader.doWork() > 0) {
                    // until the journal is loaded
                }
            }
        }
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection("jdbc:duckdb:" + db)) {
            List<io.smartlinkd.report.ReportRow> byPartner = io.smartlinkd.report.ClickReport.run(connection,
                    io.smartlinkd.report.Dimension.PARTNER, null, null);
            assertEquals(List.of("anna 2 codes 1 orders 59.90", "ben 1 codes 1 orders 20.00"),
                    byPartner.stream().map(row -> row.key() + " " + row.codes() + " codes " + row.orders()
                            + " orders " + row.revenue()).toList());
            io.smartlinkd.report.ReportRow byLink = io.smartlinkd.report.ClickReport.run(connection,
                    io.smartlinkd.report.Dimension.LINK, null, null).get(0);
            assertEquals("summer 3 2 79.90", byLink.key() + " " + byLink.codes() + " " + byLink.orders() + " "
                    + byLink.revenue());
            try (java.sql.ResultSet outcomes = connection.createStatement().executeQuery(
                    "SELECT order_id, outcome, partner FROM orders ORDER BY order_id")) {
                List<String> rows = new ArrayList<>();
                while (outcomes.next()) {
                    rows.add(outcomes.getString(1) + " " + outcomes.getString(2) + " " + outcomes.getString(3));
                }
                assertEquals(List.of("A redeemed anna", "B redeemed ben", "C used anna"), rows);
            }
        }
    }

    private static Matcher coded(HttpResponse<String> response) {
        String location = response.headers().firstValue("Location").orElse("");
        Matcher matcher = CODED.matcher(location);
        assertTrue(matcher.matches(), "not a coded redirect: " + location);
        return matcher;
    }

    private static HttpResponse<String> click(TestServer server, String path, String userAgent, String cookie)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .timeout(Duration.ofSeconds(10)).header("User-Agent", userAgent);
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return server.client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(TestServer server, String path, String header, String body,
                                             String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + path))
                .timeout(Duration.ofSeconds(20)).header("Content-Type", "application/json");
        if (signature != null) {
            request.header(header, signature);
        }
        return server.client.send(request.POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<OrderRecord> orders(TestServer server) throws Exception {
        List<OrderRecord> orders = new ArrayList<>();
        for (JournalFiles.Record record : JournalFiles.all(server.dataDir.resolve("journal"))) {
            if (record.type() == JournalFormat.TYPE_ORDER) {
                OrderRecord order = OrderRecord.decode(record.payload(), 0, record.payload().length);
                assertNotNull(order);
                orders.add(order);
            }
        }
        return orders;
    }

    private static String flipBit(String base64) {
        byte[] mac = java.util.Base64.getDecoder().decode(base64);
        mac[5] ^= 0x10;
        return java.util.Base64.getEncoder().encodeToString(mac);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}

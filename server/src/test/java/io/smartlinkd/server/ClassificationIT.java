package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.agent.Families;
import io.smartlinkd.geo.MmdbWriter;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.JournalFiles;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole visitor pipeline through the real server: client address from a trusted proxy, country from a real
 * MMDB file, device and OS from the user agent, bots and prefetches flagged; rules routing on them, macros, the
 * journal record, metrics, and the admin explain endpoint.
 */
@Timeout(120)
class ClassificationIT {
    private static final String ANDROID = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/126.0.0.0 Mobile Safari/537.36";
    private static final String WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like"
            + " Gecko) Chrome/126.0.0.0 Safari/537.36";
    private static final String GOOGLEBOT = "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)";

    @TempDir
    Path root;

    private TestServer start() throws Exception {
        Path geo = new MmdbWriter("country ipvAll", 6, 24)
                .insert("217.160.0.0/16", Map.of("country_code", "DE"))
                .insert("81.2.64.0/18", Map.of("country_code", "GB"))
                .insert("2a01:238::/32", Map.of("country_code", "DE"))
                .writeTo(root.resolve("geo.mmdb"));
        String server = """
                server:
                  trusted_proxies: [127.0.0.1, "::1"]
                  geo: { database: %s }
                """.formatted(geo.toAbsolutePath());
        String links = """
                domains:
                  - host: go.example.com
                links:
                  - slug: shop
                    destination: "https://shop.example.com/?c={country}&d={device}&o={os}&b={browser}"
                    rules:
                      - name: german phones
                        when: { country: [DE], device: [mobile] }
                        destination: "https://shop.example.com/de-mobile?o={os}"
                      - name: british
                        when: { country: [GB] }
                        destination: "https://shop.example.com/uk"
                """;
        return TestServer.start(root, "server.yaml", server, "links.yaml", links);
    }

    @Test
    void shouldRouteRecordAndExplainByCountryDeviceAndBotVerdict() throws Exception {
        TestServer server = start();
        try {
            assertEquals("https://shop.example.com/de-mobile?o=Android", location(server, "GET", "217.160.3.4", ANDROID,
                    null));
            assertEquals("https://shop.example.com/uk", location(server, "GET", "81.2.69.142", WINDOWS, null));
            assertEquals("https://shop.example.com/?c=&d=desktop&o=Windows&b=Chrome",
                    location(server, "GET", "8.8.8.8", WINDOWS, null), "no country: the link's destination");
            assertEquals("https://shop.example.com/?c=DE&d=desktop&o=Windows&b=Chrome",
                    location(server, "GET", "2a01:238:20a:202:1000::1", WINDOWS, null));
            // A spoofed left-most entry is ignored: only the hop the trusted proxy saw counts.
            assertEquals("https://shop.example.com/uk", location(server, "GET", "217.160.3.4, 81.2.69.142", ANDROID,
                    null));
            // Bots and prefetches still get their redirect.
            assertTrue(location(server, "GET", "217.160.3.4", GOOGLEBOT, null).startsWith("https://shop.example.com/"));
            assertEquals("https://shop.example.com/de-mobile?o=Android",
                    location(server, "HEAD", "217.160.3.4", ANDROID, null));
            assertEquals("https://shop.example.com/de-mobile?o=Android",
                    location(server, "GET", "217.160.3.4", ANDROID, "prefetch;prerender"));

            String metrics = server.adminGet("/metrics").body();
            assertTrue(metrics.contains("smartlinkd_bot_clicks_total 3"), metrics);
            assertTrue(metrics.contains("smartlinkd_prefetch_clicks_total 2"), metrics);

            String explained = server.adminGet("/explain?url=" + encode("https://go.example.com/shop") + "&ip=217.160.3.4"
                    + "&ua=" + encode(ANDROID)).body();
            assertTrue(explained.contains("\"country\":\"DE\""), explained);
            assertTrue(explained.contains("\"device\":\"mobile\""), explained);
            assertTrue(explained.contains("\"rule_name\":\"german phones\""), explained);
            assertTrue(explained.contains("\"outcome\":\"redirected\""), explained);
            String unknown = server.adminGet("/explain?url=" + encode("https://go.example.com/nope")).body();
            assertTrue(unknown.contains("\"outcome\":\"not_found\""), unknown);
            assertEquals(400, server.adminGet("/explain?url=" + encode("https://go.example.com/shop") + "&ip=not-an-ip")
                    .statusCode());
        } finally {
            server.close();
        }

        List<JournalFiles.Record> clicks = JournalFiles.clicks(server.dataDir.resolve("journal"));
        assertEquals(8, clicks.size(), "explain records nothing");
        assertEquals("DE", country(clicks.get(0)));
        assertEquals(Families.DEVICE_MOBILE, clicks.get(0).payload()[ClickLayout.DEVICE]);
        assertEquals(Families.osCode("Android"), clicks.get(0).payload()[ClickLayout.OS]);
        assertEquals(0, flags(clicks.get(0)) & (ClickLayout.FLAG_BOT | ClickLayout.FLAG_PREFETCH));
        assertEquals("GB", country(clicks.get(1)));
        assertEquals(Families.DEVICE_DESKTOP, clicks.get(1).payload()[ClickLayout.DEVICE]);
        assertEquals("--", country(clicks.get(2)));
        assertEquals("DE", country(clicks.get(3)));
        assertEquals("GB", country(clicks.get(4)));
        assertEquals(ClickLayout.FLAG_BOT, flags(clicks.get(5)) & (ClickLayout.FLAG_BOT | ClickLayout.FLAG_PREFETCH));
        for (int i = 6; i < 8; i++) {
            assertEquals(ClickLayout.FLAG_BOT | ClickLayout.FLAG_PREFETCH,
                    flags(clicks.get(i)) & (ClickLayout.FLAG_BOT | ClickLayout.FLAG_PREFETCH));
            assertFalse((flags(clicks.get(i)) & ClickLayout.FLAG_UNIQUE) != 0, "a prefetch is never a unique click");
        }
    }

    private static String location(TestServer server, String method, String forwardedFor, String userAgent,
                                   String secPurpose) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.base() + "/shop"))
                .header("Host", "go.example.com").header("User-Agent", userAgent)
                .header("X-Forwarded-For", forwardedFor).timeout(Duration.ofSeconds(10))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (secPurpose != null) {
            request.header("Sec-Purpose", secPurpose);
        }
        HttpResponse<String> response = server.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(302, response.statusCode());
        return response.headers().firstValue("Location").orElseThrow();
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static String country(JournalFiles.Record click) {
        return new String(click.payload(), ClickLayout.COUNTRY, 2, StandardCharsets.US_ASCII);
    }

    private static int flags(JournalFiles.Record click) {
        return click.payload()[ClickLayout.FLAGS];
    }
}

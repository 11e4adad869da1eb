package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.clickid.ClickId;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.clickid.ClickIdVerifier;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.JournalFiles;
import io.smartlinkd.routing.OfferRegistry;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Rules, pools, caps and lost clicks through the real server. */
@Timeout(120)
class RoutingIT {
    private static final String DOMAINS = """
            domains:
              - host: go.example.com
            partners:
              - { id: anna, group: influencers }
            """;

    private static final String OFFERS = """
            offers:
              - id: casino-de
                url: "https://adv.example/go?cid={click_id}&o={offer}&s={partner}"
                caps: { clicks: { total: 2 } }
              - { id: spare, url: "https://adv.example/spare?cid={click_id}&o={offer}" }
              - { id: paused, url: "https://adv.example/paused", active: false }
            pools:
              - { id: newsletter, strategy: priority, offers: [casino-de, spare] }
              - { id: nothing, strategy: priority, offers: [paused] }
            """;

    private static final String LINKS = """
            links:
              - slug: smart
                destination: https://shop.example.com/home?c={click_id}
                rules:
                  - name: newsletter readers
                    when: { query: { src: newsletter } }
                    pool: newsletter
                  - name: german speakers
                    when: { language: [de] }
                    destination: https://shop.example.com/de?c={click_id}
              - slug: lost
                destination: https://shop.example.com/
                rules: [{ pool: nothing }]
                on_lost: { status: 503 }
              - slug: lost-url
                destination: https://shop.example.com/
                rules: [{ pool: nothing }]
                on_lost: { url: "https://shop.example.com/sold-out" }
            """;

    @TempDir
    Path root;

    private TestServer start() throws Exception {
        return TestServer.start(root, "domains.yaml", DOMAINS, "offers.yaml", OFFERS, "links.yaml", LINKS);
    }

    @Test
    void shouldRouteAQueryRuleToAPoolAndAnswerLostClicksWithOnLost() throws Exception {
        TestServer server = start();
        List<String> locations;
        try {
            HttpResponse<String> routed = server.get("go.example.com", "/smart/anna?src=newsletter&sub1=x");
            assertEquals(302, routed.statusCode());
            String location = routed.headers().firstValue("Location").orElseThrow();
            assertTrue(location.startsWith("https://adv.example/go?cid="), location);
            assertTrue(location.endsWith("&o=casino-de&s=anna"), location);
            Map<String, Integer> numbers = OfferRegistry.open(server.dataDir).all();
            ClickId id = verify(server, location);
            assertEquals((int) numbers.get("casino-de"), id.offerNumber());

            assertTrue(server.location("go.example.com", "/smart").startsWith("https://shop.example.com/home?c="));
            assertTrue(server.location("go.example.com", "/smart?src=ads").startsWith("https://shop.example.com/home"));
            HttpResponse<String> german = server.client.send(HttpRequest.newBuilder(URI.create(server.base() + "/smart"))
                    .header("Host", "go.example.com").header("Accept-Language", "de-AT,de;q=0.9,en;q=0.5")
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertTrue(german.headers().firstValue("Location").orElseThrow().startsWith("https://shop.example.com/de?c="));

            HttpResponse<String> lost = server.get("go.example.com", "/lost");
            assertEquals(503, lost.statusCode());
            assertEquals("no offer available\n", lost.body());
            assertEquals("https://shop.example.com/sold-out", server.location("go.example.com", "/lost-url"));

            String metrics = server.adminGet("/metrics").body();
            assertTrue(metrics.contains("smartlinkd_clicks_total{outcome=\"lost\"} 2"), metrics);
            locations = List.of(location);
        } finally {
            server.close();
        }

        List<JournalFiles.Record> clicks = JournalFiles.clicks(server.dataDir.resolve("journal"));
        assertEquals(6, clicks.size());
        JournalFiles.Record first = clicks.get(0);
        assertEquals(ClickLayout.Outcome.REDIRECTED, first.outcome());
        assertTrue(locations.get(0).contains("cid=" + first.clickId()));
        assertEquals(OfferRegistry.open(server.dataDir).number("casino-de"), u16(first, ClickLayout.OFFER_NUMBER));
        assertEquals(1, u16(first, ClickLayout.RULE_NUMBER));
        assertEquals(0, u16(clicks.get(1), ClickLayout.RULE_NUMBER), "no rule matched");
        assertEquals(2, u16(clicks.get(3), ClickLayout.RULE_NUMBER), "the language rule");
        assertEquals(List.of(ClickLayout.Outcome.LOST, ClickLayout.Outcome.LOST),
                List.of(clicks.get(4).outcome(), clicks.get(5).outcome()));
        assertEquals(503, clicks.get(4).httpStatus());
        assertEquals(1, u16(clicks.get(4), ClickLayout.RULE_NUMBER));
        assertEquals(0, u16(clicks.get(4), ClickLayout.OFFER_NUMBER));
    }

    @Test
    void shouldKeepCapsAcrossARestartAndNeverCountHeadRequests() throws Exception {
        List<String> offers;
        try (TestServer server = start()) {
            for (int i = 0; i < 5; i++) {
                HttpResponse<Void> head = server.client.send(HttpRequest.newBuilder(
                        URI.create(server.base() + "/smart?src=newsletter")).header("Host", "go.example.com")
                        .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
                        HttpResponse.BodyHandlers.discarding());
                assertTrue(head.headers().firstValue("Location").orElseThrow().contains("o=casino-de"));
            }
            offers = List.of(offer(server), offer(server));
        }
        assertEquals(List.of("casino-de", "casino-de"), offers, "HEAD requests did not use the cap of 2");
        assertTrue(Files.exists(root.resolve("data/caps/counters.bin")));
        try (TestServer restarted = start()) {
            assertEquals("spare", offer(restarted));
        }
        List<JournalFiles.Record> clicks = JournalFiles.clicks(root.resolve("data/journal"));
        int capped = OfferRegistry.open(root.resolve("data")).number("casino-de");
        assertEquals(capped + "c", clicks.get(clicks.size() - 1).string(ClickLayout.DECISION),
                "the record says the capped offer was passed over");
        assertEquals("", clicks.get(clicks.size() - 2).string(ClickLayout.DECISION), "nothing skipped");
    }

    private static String offer(TestServer server) throws Exception {
        String location = server.location("go.example.com", "/smart?src=newsletter");
        Map<String, String> query = List.of(location.substring(location.indexOf('?') + 1).split("&")).stream()
                .map(pair -> pair.split("=", 2)).collect(Collectors.toMap(pair -> pair[0], pair -> pair[1]));
        return query.get("o");
    }

    private static ClickId verify(TestServer server, String location) throws Exception {
        int start = location.indexOf("cid=") + 4;
        String clickId = location.substring(start, location.indexOf('&', start));
        ClickId id = new ClickIdVerifier(ClickIdKey.loadOrCreate(server.dataDir.resolve("click-id.key"))).verify(clickId);
        assertNotNull(id, clickId);
        return id;
    }

    private static int u16(JournalFiles.Record record, int offset) {
        return ByteBuffer.wrap(record.payload()).order(ByteOrder.LITTLE_ENDIAN).getShort(offset) & 0xFFFF;
    }
}

package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.agent.Families;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Explain: every rule tried with its failed conditions, every offer with its reason, the pick; nothing counted. */
@Timeout(30)
class RouteExplainTest {
    static final long NOW = Instant.parse("2026-05-04T10:15:00Z").toEpochMilli();

    @TempDir
    Path dir;
    RoutingFixture routing;

    @BeforeEach
    void compile() {
        routing = RoutingFixture.of(dir, """
                partners:
                  - { id: alice, group: influencers }
                offers:
                  - { id: paused, url: "https://adv.example/paused", active: false }
                  - { id: at-only, url: "https://adv.example/at", targeting: { country: [AT], device: [mobile] } }
                  - { id: full, url: "https://adv.example/full", caps: { clicks: { day: 1 } } }
                  - { id: main, url: "https://adv.example/main?c={click_id}" }
                  - { id: side, url: "https://adv.example/side" }
                  - { id: dormant, url: "https://adv.example/dormant" }
                  - { id: humans, url: "https://adv.example/humans", accept_bots: false }
                pools:
                  - id: de-mobile
                    strategy: weight
                    offers:
                      - { offer: paused, weight: 5 }
                      - { offer: at-only, weight: 5 }
                      - { offer: full, weight: 5 }
                      - { offer: humans, weight: 5 }
                      - { offer: main, weight: 3 }
                      - { offer: side, weight: 1 }
                      - { offer: dormant, weight: 0 }
                  - { id: dead-end, strategy: priority, offers: [paused], fallback: humans }
                links:
                  - slug: smart
                    destination: https://shop.example.com/
                    time_zone: Europe/Berlin
                    on_lost: { status: 503 }
                    rules:
                      - name: newsletter
                        when: { query: { src: newsletter }, partner: [alice] }
                        destination: https://shop.example.com/news
                      - name: evenings
                        when: { hours: "18-23" }
                        pool: dead-end
                      - name: de-mobile
                        when: { country: [DE], device: [mobile] }
                        pool: de-mobile
                      - name: after
                        destination: https://shop.example.com/after
                """);
        // Route until "full" has taken its one click of the day, so explain has a cap to report.
        while (routing.caps.count(routing.offer("full"), CapCounters.CLICKS, CapCounters.DAY, NOW / 86_400_000L) < 1) {
            routing.route("smart", new SimpleClickFacts().epochMs(NOW).country("DE").device(Families.DEVICE_MOBILE),
                    new RouteDecision(System.nanoTime()));
        }
    }

    @Test
    void shouldListEachRuleTriedWithTheConditionsItFailed() {
        RouteTrace trace = routing.explain("smart", new SimpleClickFacts().epochMs(NOW).uri("/smart?src=ads")
                .country("DE").device(Families.DEVICE_MOBILE));

        assertEquals(3, trace.ruleNumber());
        assertEquals("de-mobile", trace.ruleName());
        assertEquals("Europe/Berlin", trace.timeZone());
        assertEquals("2026-05-04 12:15 Mon", trace.localTime());
        List<RouteTrace.RuleStep> rules = trace.rules();
        assertEquals(3, rules.size(), "rule 4 is never tried");
        assertEquals(List.of(
                new RouteTrace.Failure("partner", "one of [alice]", "none"),
                new RouteTrace.Failure("query", "src in [newsletter]", "src=ads")), rules.get(0).failed());
        assertEquals(List.of(new RouteTrace.Failure("hours", "hours 18-23", "hour 12")), rules.get(1).failed());
        assertTrue(rules.get(2).matched());
        assertTrue(rules.get(2).failed().isEmpty());
    }

    @Test
    void shouldGiveEveryOfferOfThePoolWithItsReasonAndShare() {
        RouteTrace trace = routing.explain("smart", new SimpleClickFacts().epochMs(NOW).country("DE")
                .device(Families.DEVICE_MOBILE).bot(true));

        assertEquals("de-mobile", trace.pool());
        List<RouteTrace.OfferStep> offers = trace.offers();
        assertEquals(7, offers.size());
        assertStep(offers.get(0), "paused", RouteTrace.Status.SKIPPED, "inactive", "active: false");
        assertStep(offers.get(1), "at-only", RouteTrace.Status.SKIPPED, "targeting", "country DE, wants one of [AT]");
        assertStep(offers.get(2), "full", RouteTrace.Status.SKIPPED, "cap", "clicks per day: 1 of 1");
        assertStep(offers.get(3), "humans", RouteTrace.Status.SKIPPED, "bot", "a bot click and accept_bots: false");
        assertStep(offers.get(4), "main", RouteTrace.Status.ELIGIBLE, null, null);
        assertEquals(0.75, offers.get(4).share(), 1e-9);
        assertStep(offers.get(5), "side", RouteTrace.Status.ELIGIBLE, null, null);
        assertEquals(0.25, offers.get(5).share(), 1e-9);
        assertStep(offers.get(6), "dormant", RouteTrace.Status.NOT_DRAWN, null, "weight 0");
        assertEquals(RouteKind.OFFER, trace.kind());
        assertTrue(List.of("main", "side").contains(trace.offer()));
        assertEquals(1, offers.stream().filter(RouteTrace.OfferStep::picked).count());
        assertTrue(trace.url().startsWith("https://adv.example/"));
        assertTrue(trace.bot());
    }

    @Test
    void shouldExplainALostClickAndTheFallbackThatCouldNotTakeIt() {
        long evening = Instant.parse("2026-05-04T18:30:00Z").toEpochMilli();
        RouteTrace trace = routing.explain("smart", new SimpleClickFacts().epochMs(evening).bot(true));

        assertEquals(2, trace.ruleNumber());
        assertEquals(RouteKind.LOST, trace.kind());
        assertEquals(503, trace.lostStatus());
        assertEquals("humans", trace.fallback().offer());
        assertEquals("bot", trace.fallback().reason());
        assertNull(trace.offer());
        String json = trace.toJson();
        assertTrue(json.contains("\"kind\":\"lost\""), json);
        assertTrue(json.contains("\"lost_status\":503"), json);
        assertTrue(json.contains("\"fallback\":{\"offer\":\"humans\""), json);
    }

    @Test
    void shouldRenderTheTraceAsJson() {
        RouteTrace trace = routing.explain("smart", new SimpleClickFacts().epochMs(NOW).uri("/smart?src=\"x\"")
                .country("FR"));
        String json = trace.toJson();

        assertTrue(json.startsWith("{\"kind\":\"destination\",\"rule\":4,\"rule_name\":\"after\""), json);
        assertTrue(json.contains("\"url\":\"https://shop.example.com/after\""), json);
        assertTrue(json.contains("{\"condition\":\"query\",\"expected\":\"src in [newsletter]\","
                + "\"actual\":\"src=\\\"x\\\"\"}"), json);
        assertTrue(json.contains("{\"condition\":\"country\",\"expected\":\"one of [DE]\",\"actual\":\"FR\"}"), json);
        assertTrue(json.endsWith("\"offers\":[],\"fallback\":null}"), json);
    }

    @Test
    void shouldNotCountAnythingWhenExplaining() {
        int main = routing.offer("main");
        long before = routing.caps.count(main, CapCounters.CLICKS, CapCounters.TOTAL, 0);
        for (int i = 0; i < 50; i++) {
            routing.explain("smart", new SimpleClickFacts().epochMs(NOW).country("DE").device(Families.DEVICE_MOBILE));
        }
        assertEquals(before, routing.caps.count(main, CapCounters.CLICKS, CapCounters.TOTAL, 0));
        assertEquals(1, routing.caps.count(routing.offer("full"), CapCounters.CLICKS, CapCounters.TOTAL, 0));
    }

    @Test
    void shouldExplainALinkWithoutRulesAsItsDestination() {
        RouteTrace trace = routing.router.explain(0, new SimpleClickFacts().epochMs(NOW));
        assertEquals(RouteKind.DEFAULT, trace.kind());
        assertTrue(trace.rules().isEmpty());
        assertFalse(trace.toJson().isEmpty());
    }

    private static void assertStep(RouteTrace.OfferStep step, String offer, RouteTrace.Status status, String reason,
                                   String detail) {
        assertEquals(offer, step.offer(), step.toString());
        assertEquals(status, step.status(), step.toString());
        assertEquals(reason, step.reason(), step.toString());
        assertEquals(detail, step.detail(), step.toString());
    }
}

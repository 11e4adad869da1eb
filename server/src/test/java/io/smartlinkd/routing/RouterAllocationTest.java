package io.smartlinkd.routing;

import io.smartlinkd.testing.AllocationCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.agent.Families;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A sanity check that routing allocates nothing once warm, caps full or not; JMH measures the real numbers. */
@Timeout(60)
class RouterAllocationTest {
    private static final int ROUTES = 100_000;

    @TempDir
    Path dir;

    @Test
    void shouldAllocateNothingWhileRoutingOnceWarm() {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();

        RoutingFixture routing = RoutingFixture.of(dir, """
                partners: [{ id: alice, group: influencers }]
                offers:
                  - { id: a, url: "https://adv.example/a?c={click_id}", caps: { clicks: { hour: 50, day: 500 } } }
                  - { id: b, url: "https://adv.example/b", targeting: { country: [DE, AT], os: [Android] } }
                  - { id: c, url: "https://adv.example/c", caps: { clicks: { total: 10 } } }
                  - { id: safe, url: "https://adv.example/safe" }
                pools:
                  - id: main
                    offers: [{ offer: a, weight: 3 }, { offer: b, weight: 2 }, { offer: c, weight: 1 }]
                    fallback: safe
                links:
                  - slug: smart
                    destination: https://shop.example.com/
                    time_zone: Europe/Berlin
                    rules:
                      - { when: { partner: [alice], visits: ">3" }, destination: "https://shop.example.com/vip" }
                      - { when: { query: { src: newsletter } }, destination: "https://shop.example.com/news" }
                      - { when: { referrer: [facebook.com] }, destination: "https://shop.example.com/fb" }
                      - { when: { language: [fr] }, destination: "https://shop.example.com/fr" }
                      - { when: { hours: "0-6", weekdays: [sat, sun] }, destination: "https://shop.example.com/late" }
                      - { when: { country: [DE, AT, CH], device: [mobile] }, pool: main }
                """);
        int ruleSet = routing.ruleSet("smart");
        long start = Instant.parse("2026-05-04T10:15:00Z").toEpochMilli();
        SimpleClickFacts facts = new SimpleClickFacts().country("DE").device(Families.DEVICE_MOBILE)
                .os(Families.osCode("Android")).uri("/smart?src=ads&sub1=x").referrer("https://t.co/abc")
                .acceptLanguage("de-DE,de;q=0.9");
        RouteDecision decision = new RouteDecision(9);
        long sink = routeMany(routing.router, ruleSet, facts, decision, start, 200_000); // warm up

        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = counter.getCurrentThreadAllocatedBytes();
            sink += routeMany(routing.router, ruleSet, facts, decision, start + attempt * 3_600_000L, ROUTES);
            fewest = Math.min(fewest, counter.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(fewest < 1024, "allocated " + fewest + " bytes for " + ROUTES + " routes");
        assertEquals(6, decision.ruleNumber());
        assertTrue(sink != 0);
    }

    private static long routeMany(Router router, int ruleSet, SimpleClickFacts facts, RouteDecision decision,
                                  long epochMs, int count) {
        long sink = 0;
        for (int i = 0; i < count; i++) {
            router.route(ruleSet, facts.epochMs(epochMs + i), decision);
            sink += decision.offerNumber();
        }
        return sink;
    }
}

package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Caps as routing applies them: windows in the offer's time zone, bots, node shares, conversions, restarts. */
@Timeout(60)
class RouterCapsTest {
    @TempDir
    Path dir;

    private static final String OFFERS = """
            offers:
              - id: capped
                url: https://adv.example/capped
                time_zone: America/New_York
                caps: { clicks: { hour: 2, day: 3 } }
              - id: thousand
                url: https://adv.example/thousand
                caps: { clicks: { total: 1000 } }
              - id: converting
                url: https://adv.example/converting
                currency: EUR
                caps: { conversions: { day: 2 }, payout: { total: 10.50 } }
              - { id: spare, url: "https://adv.example/spare" }
            pools:
              - { id: capped, strategy: priority, offers: [capped, spare] }
              - { id: thousand, strategy: priority, offers: [thousand, spare] }
              - { id: converting, strategy: priority, offers: [converting, spare] }
            links:
              - { slug: capped, destination: "https://shop.example.com/", rules: [{ pool: capped }] }
              - { slug: thousand, destination: "https://shop.example.com/", rules: [{ pool: thousand }] }
              - { slug: converting, destination: "https://shop.example.com/", rules: [{ pool: converting }] }
            """;

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    private static String picked(RoutingFixture routing, String link, long epochMs) {
        RouteDecision decision = routing.route(link, new SimpleClickFacts().epochMs(epochMs));
        return routing.offerId(decision.offerNumber());
    }

    @Test
    void shouldRollHourAndDayWindowsInTheOffersTimeZone() {
        RoutingFixture routing = RoutingFixture.of(dir, OFFERS);
        // New York is UTC-4 in May: 2026-05-04 10:xx local is 14:xx UTC.
        assertEquals("capped", picked(routing, "capped", at("2026-05-04T14:00:00Z")));
        assertEquals("capped", picked(routing, "capped", at("2026-05-04T14:59:59Z")));
        assertEquals("spare", picked(routing, "capped", at("2026-05-04T14:59:59Z")), "hour cap 2");
        assertEquals("capped", picked(routing, "capped", at("2026-05-04T15:00:00Z")), "next hour");
        assertEquals("spare", picked(routing, "capped", at("2026-05-04T16:00:00Z")), "day cap 3");
        // 03:59 UTC on the 5th is still the 4th in New York; 04:00 UTC is its midnight.
        assertEquals("spare", picked(routing, "capped", at("2026-05-05T03:59:00Z")));
        assertEquals("capped", picked(routing, "capped", at("2026-05-05T04:00:00Z")), "next local day");
    }

    @Test
    void shouldNeverCountBotsAgainstCapsButHoldThemToFullCaps() {
        RoutingFixture routing = RoutingFixture.of(dir, OFFERS);
        long now = at("2026-05-04T14:00:00Z");
        SimpleClickFacts bot = new SimpleClickFacts().epochMs(now).bot(true);
        for (int i = 0; i < 100; i++) {
            assertEquals("capped", routing.offerId(routing.route("capped", bot).offerNumber()));
        }
        int capped = routing.offer("capped");
        long hour = at("2026-05-04T10:00:00Z") / 3_600_000L; // local hour number of 10:00 New York
        assertEquals(0, routing.caps.count(capped, CapCounters.CLICKS, CapCounters.HOUR, hour));
        assertEquals("capped", picked(routing, "capped", now));
        assertEquals("capped", picked(routing, "capped", now));
        assertEquals(2, routing.caps.count(capped, CapCounters.CLICKS, CapCounters.HOUR, hour));
        RouteDecision blocked = routing.route("capped", bot);
        assertEquals("spare", routing.offerId(blocked.offerNumber()));
        assertEquals(SkipReason.CAP, blocked.skipReason(0));
    }

    @Test
    void shouldSendExactlyTheCapToAnOfferFromManyThreads() throws Exception {
        RoutingFixture routing = RoutingFixture.of(dir, OFFERS);
        int thousand = routing.offer("thousand");
        AtomicInteger spare = new AtomicInteger();
        ThreadLocal<RouteDecision> decisions = ThreadLocal.withInitial(RouteDecision::new);
        SimpleClickFacts facts = new SimpleClickFacts().epochMs(at("2026-05-04T14:00:00Z"));
        int wins = CapCountersTest.race(16, 10_000, () -> {
            RouteDecision decision = routing.route("thousand", facts, decisions.get());
            if (decision.offerNumber() != thousand) {
                spare.incrementAndGet();
                return false;
            }
            return true;
        });
        assertEquals(1000, wins);
        assertEquals(160_000 - 1000, spare.get());
        assertEquals(1000, routing.caps.count(thousand, CapCounters.CLICKS, CapCounters.TOTAL, 0));
    }

    @Test
    void shouldEnforceThisNodesShareOfEachCap() {
        RoutingFixture routing = RoutingFixture.of(dir, "server: { caps_share: 0.3 }\n" + OFFERS);
        long now = at("2026-05-04T14:00:00Z");
        int sent = 0;
        for (int i = 0; i < 1000; i++) {
            sent += "thousand".equals(picked(routing, "thousand", now)) ? 1 : 0;
        }
        assertEquals(300, sent);
    }

    @Test
    void shouldStopSendingClicksWhenConversionOrPayoutCapsAreReached() {
        RoutingFixture routing = RoutingFixture.of(dir, OFFERS);
        long now = at("2026-05-04T14:00:00Z");
        int converting = routing.offer("converting");
        assertEquals("converting", picked(routing, "converting", now));
        routing.router.recordConversion(converting, 40_000, now);
        assertEquals("converting", picked(routing, "converting", now));
        routing.router.recordConversion(converting, 40_000, now);
        assertEquals("spare", picked(routing, "converting", now), "2 conversions a day");
        assertEquals("converting", picked(routing, "converting", now + 86_400_000L), "the next day");
        routing.router.recordConversion(converting, 25_000, now + 86_400_000L);
        assertEquals("spare", picked(routing, "converting", now + 86_400_000L), "payout 10.50 in total");
    }

    @Test
    void shouldKeepCapsAndOfferNumbersAcrossARestart() throws Exception {
        Path data = dir.resolve("data");
        long now = at("2026-05-04T14:00:00Z");
        int number;
        try (CapCounters caps = CapCounters.open(data.resolve("caps/counters.bin"))) {
            OfferRegistry offers = OfferRegistry.open(data);
            RoutingFixture routing = RoutingFixture.of(dir.resolve("first"), OFFERS, caps, offers);
            offers.record(routing.compiled.routing().newOfferNumbers());
            number = routing.offer("capped");
            assertEquals("capped", picked(routing, "capped", now));
            assertEquals("capped", picked(routing, "capped", now));
        }
        // A new config that adds an offer in front: numbers stay, counts stay.
        try (CapCounters caps = CapCounters.open(data.resolve("caps/counters.bin"))) {
            String reordered = OFFERS.replace("offers:\n", "offers:\n  - { id: newcomer, url: \"https://adv.example/n\" }\n");
            RoutingFixture routing = RoutingFixture.of(dir.resolve("second"), reordered, caps,
                    OfferRegistry.open(data));
            assertEquals(number, routing.offer("capped"));
            assertTrue(routing.offer("newcomer") > routing.offer("spare"));
            assertEquals("spare", picked(routing, "capped", now), "the hour cap survived the restart");
        }
    }
}

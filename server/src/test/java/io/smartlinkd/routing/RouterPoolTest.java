package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Weight and priority pools: draws, falling through, fallback, lost clicks. */
@Timeout(30)
class RouterPoolTest {
    static final long NOW = 1_777_777_777_000L;

    @TempDir
    Path dir;
    RoutingFixture routing;

    @BeforeEach
    void compile() {
        routing = RoutingFixture.of(dir, """
                offers:
                  - { id: a, url: "https://adv.example/a?c={click_id}&o={offer}" }
                  - { id: b, url: "https://adv.example/b" }
                  - { id: c, url: "https://adv.example/c" }
                  - { id: zero, url: "https://adv.example/zero" }
                  - { id: off, url: "https://adv.example/off", active: false }
                  - { id: de-only, url: "https://adv.example/de", targeting: { country: [DE] } }
                  - { id: capped, url: "https://adv.example/capped", caps: { clicks: { total: 2 } } }
                  - { id: no-bots, url: "https://adv.example/no-bots", accept_bots: false }
                  - { id: safe, url: "https://adv.example/safe" }
                  - { id: safe-de, url: "https://adv.example/safe-de", targeting: { country: [DE] } }
                pools:
                  - id: weighted
                    strategy: weight
                    offers:
                      - { offer: a, weight: 1 }
                      - { offer: b, weight: 3 }
                      - { offer: c, weight: 6 }
                      - { offer: zero, weight: 0 }
                  - id: only-zero
                    strategy: weight
                    offers: [{ offer: zero, weight: 0 }]
                    fallback: safe
                  - id: weighted-capped
                    offers: [{ offer: capped, weight: 1000 }, { offer: b, weight: 1 }]
                  - id: ranked
                    strategy: priority
                    offers: [off, de-only, capped, no-bots, a]
                  - id: explicit-priorities
                    strategy: priority
                    offers: [{ offer: b, priority: 2 }, { offer: c, priority: 1 }, { offer: a, priority: 2 }]
                  - id: nothing-left
                    strategy: priority
                    offers: [off, de-only]
                    fallback: safe
                  - id: empty
                    offers: []
                  - id: restricted-fallback
                    strategy: priority
                    offers: [off]
                    fallback: safe-de
                links:
                  - { slug: weighted, destination: "https://shop.example.com/", rules: [{ pool: weighted }] }
                  - { slug: only-zero, destination: "https://shop.example.com/", rules: [{ pool: only-zero }] }
                  - { slug: weighted-capped, destination: "https://shop.example.com/",
                      rules: [{ pool: weighted-capped }] }
                  - { slug: ranked, destination: "https://shop.example.com/", rules: [{ pool: ranked }] }
                  - { slug: explicit, destination: "https://shop.example.com/", rules: [{ pool: explicit-priorities }] }
                  - { slug: fallback, destination: "https://shop.example.com/", rules: [{ pool: nothing-left }] }
                  - { slug: lost, destination: "https://shop.example.com/", rules: [{ pool: empty }],
                      on_lost: { status: 503 } }
                  - { slug: lost-url, destination: "https://shop.example.com/", rules: [{ pool: empty }],
                      on_lost: { url: "https://shop.example.com/sorry" } }
                  - { slug: lost-default, destination: "https://shop.example.com/", rules: [{ pool: empty }] }
                  - { slug: restricted, destination: "https://shop.example.com/",
                      rules: [{ pool: restricted-fallback }] }
                """);
    }

    private static SimpleClickFacts click() {
        return new SimpleClickFacts().epochMs(NOW).country("FR");
    }

    @Test
    void shouldDrawOffersInProportionToTheirWeights() {
        RouteDecision decision = new RouteDecision(20260504);
        int draws = 60_000;
        int[] counts = new int[3];
        String[] ids = {"a", "b", "c"};
        for (int i = 0; i < draws; i++) {
            routing.route("weighted", click(), decision);
            assertEquals(RouteKind.OFFER, decision.kind());
            String id = routing.offerId(decision.offerNumber());
            assertFalse(id.equals("zero"), "weight 0 was drawn");
            counts[List.of(ids).indexOf(id)]++;
        }
        double[] expected = {draws * 0.1, draws * 0.3, draws * 0.6};
        double chiSquare = 0;
        for (int i = 0; i < 3; i++) {
            chiSquare += Math.pow(counts[i] - expected[i], 2) / expected[i];
        }
        // Two degrees of freedom: 13.8 is the 0.1 % critical value.
        assertTrue(chiSquare < 13.8, "chi-square " + chiSquare + " for counts " + java.util.Arrays.toString(counts));
    }

    @Test
    void shouldNeverDrawWeightZeroAndFallBackInstead() {
        RouteDecision decision = routing.route("only-zero", click());
        assertEquals(RouteKind.OFFER, decision.kind());
        assertEquals("safe", routing.offerId(decision.offerNumber()));
        assertTrue(decision.fallback());
    }

    @Test
    void shouldDrawAgainAmongTheOthersWhenTheDrawnOfferIsCapped() {
        List<String> picks = new ArrayList<>();
        RouteDecision decision = new RouteDecision(7);
        for (int i = 0; i < 5; i++) {
            routing.route("weighted-capped", click(), decision);
            picks.add(routing.offerId(decision.offerNumber()));
        }
        assertEquals(2, picks.stream().filter("capped"::equals).count(), picks.toString());
        assertEquals(List.of("b", "b", "b"), picks.subList(2, 5));
        assertEquals(1, decision.skipCount());
        assertEquals(SkipReason.CAP, decision.skipReason(0));
        assertEquals(routing.offer("capped"), decision.skippedOffer(0));
    }

    @Test
    void shouldFallThroughInactiveTargetingAndCapInPriorityOrder() {
        assertEquals("capped", picked(routing.route("ranked", click())));
        assertEquals("capped", picked(routing.route("ranked", click())));
        RouteDecision third = routing.route("ranked", click());
        assertEquals("no-bots", picked(third));
        assertEquals(List.of("off:inactive", "de-only:targeting", "capped:cap"), skips(third));
    }

    @Test
    void shouldPickTheFirstEligibleOfferInPriorityOrder() {
        assertEquals("de-only", picked(routing.route("ranked", click().country("DE"))));
    }

    @Test
    void shouldOrderExplicitPrioritiesLowestFirstAndKeepTheWrittenOrderOfTies() {
        assertEquals("c", picked(routing.route("explicit", click())));
    }

    @Test
    void shouldSkipOffersThatRefuseBotsForBotClicks() {
        routing.route("ranked", click());
        routing.route("ranked", click());
        RouteDecision bot = routing.route("ranked", click().bot(true));
        assertEquals("a", picked(bot));
        assertEquals(List.of("off:inactive", "de-only:targeting", "capped:cap", "no-bots:bot"), skips(bot));
    }

    @Test
    void shouldUseThePoolsFallbackWhenNoOfferIsEligible() {
        RouteDecision decision = routing.route("fallback", click());
        assertEquals(RouteKind.OFFER, decision.kind());
        assertEquals("safe", picked(decision));
        assertTrue(decision.fallback());
        assertEquals(1, decision.ruleNumber());
        assertEquals(List.of("off:inactive", "de-only:targeting"), skips(decision));
    }

    @Test
    void shouldAnswerLostClicksWithTheLinksOnLostStatus() {
        RouteDecision decision = routing.route("lost", click());
        assertEquals(RouteKind.LOST, decision.kind());
        assertEquals(503, decision.lostStatus());
        assertEquals(0, decision.offerNumber());
        assertEquals(1, decision.ruleNumber());
        assertEquals(404, routing.route("lost-default", click()).lostStatus());
    }

    @Test
    void shouldRedirectLostClicksToTheOnLostUrl() {
        RouteDecision decision = routing.route("lost-url", click());
        assertEquals(RouteKind.LOST, decision.kind());
        assertEquals(0, decision.lostStatus());
        assertTrue(program(decision).contains("https://shop.example.com/sorry"), program(decision));
    }

    @Test
    void shouldHoldTheFallbackToItsOwnTargeting() {
        RouteDecision outside = routing.route("restricted", click());
        assertEquals(RouteKind.LOST, outside.kind());
        assertEquals(List.of("off:inactive", "safe-de:targeting"), skips(outside));
        RouteDecision inside = routing.route("restricted", click().country("DE"));
        assertEquals("safe-de", picked(inside));
        assertTrue(inside.fallback());
    }

    @Test
    void shouldGiveTheOfferIdForTheOfferMacro() {
        RouteDecision decision = routing.route("ranked", click().country("DE"));
        assertEquals("de-only", new String(decision.offerId(), StandardCharsets.US_ASCII));
        assertTrue(program(decision).contains("https://adv.example/de"));
    }

    private String picked(RouteDecision decision) {
        assertEquals(RouteKind.OFFER, decision.kind(), decision.toString());
        return routing.offerId(decision.offerNumber());
    }

    private List<String> skips(RouteDecision decision) {
        List<String> skips = new ArrayList<>();
        for (int i = 0; i < decision.skipCount(); i++) {
            skips.add(routing.offerId(decision.skippedOffer(i)) + ":" + decision.skipReason(i).label());
        }
        return skips;
    }

    private static String program(RouteDecision decision) {
        return new String(decision.program(), decision.programOffset(), decision.programLength(),
                StandardCharsets.ISO_8859_1);
    }
}

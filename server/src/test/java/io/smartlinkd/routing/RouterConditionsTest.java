package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.smartlinkd.agent.Families;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Each rule condition alone, then combined, and rule order. */
@Timeout(30)
class RouterConditionsTest {
    /** Monday 2026-05-04 10:15 UTC, 12:15 in Berlin (CEST). */
    static final long MONDAY_NOON_BERLIN = Instant.parse("2026-05-04T10:15:00Z").toEpochMilli();

    @TempDir
    static Path dir;
    static RoutingFixture routing;

    @BeforeAll
    static void compile() {
        routing = RoutingFixture.of(dir, """
                partners:
                  - { id: alice, group: influencers }
                  - { id: bob, group: affiliates }
                links:
                """
                + link("country", "country: [DE, AT]")
                + link("not-country", "not_country: [DE]")
                + link("device", "device: [mobile, tablet]")
                + link("os", "os: [Android]")
                + link("browser", "browser: [Chrome Mobile]")
                + link("language", "language: [de]")
                + link("visits", "visits: \">3\"")
                + link("partner", "partner: [alice]")
                + link("group", "partner_group: [affiliates]")
                + link("hours", "hours: \"9-17\"")
                + link("weekdays", "weekdays: [mon-wed]")
                + link("query", "query: { src: newsletter, gclid: present, test: absent }")
                + link("referrer", "referrer: [facebook.com, t.co]")
                + link("combined", "country: [DE]\n          device: [mobile]")
                + """
                  - slug: ordered
                    destination: https://shop.example.com/default
                    rules:
                      - name: german
                        when: { country: [DE] }
                        destination: https://shop.example.com/de
                      - name: mobile
                        when: { device: [mobile] }
                        destination: https://shop.example.com/mobile
                      - name: everyone
                        destination: https://shop.example.com/all
                """);
    }

    /** A link whose one rule has the condition; the link's time zone is Berlin. */
    private static String link(String slug, String condition) {
        return "  - slug: " + slug + "\n"
                + "    destination: https://shop.example.com/default\n"
                + "    time_zone: Europe/Berlin\n"
                + "    rules:\n"
                + "      - when:\n"
                + "          " + condition + "\n"
                + "        destination: https://shop.example.com/" + slug + "\n";
    }

    private static SimpleClickFacts click() {
        return new SimpleClickFacts().epochMs(MONDAY_NOON_BERLIN);
    }

    private static RouteKind kind(String link, SimpleClickFacts facts) {
        return routing.route(link, facts).kind();
    }

    @Test
    void shouldMatchCountryOnlyForListedCountries() {
        assertEquals(RouteKind.DESTINATION, kind("country", click().country("DE")));
        assertEquals(RouteKind.DESTINATION, kind("country", click().country("AT")));
        assertEquals(RouteKind.DEFAULT, kind("country", click().country("FR")));
        assertEquals(RouteKind.DEFAULT, kind("country", click()));
    }

    @Test
    void shouldMatchNotCountryForOtherAndUnknownCountries() {
        assertEquals(RouteKind.DEFAULT, kind("not-country", click().country("DE")));
        assertEquals(RouteKind.DESTINATION, kind("not-country", click().country("FR")));
        assertEquals(RouteKind.DESTINATION, kind("not-country", click()));
    }

    @Test
    void shouldMatchDeviceOsAndBrowserByFamilyCode() {
        assertEquals(RouteKind.DESTINATION, kind("device", click().device(Families.DEVICE_MOBILE)));
        assertEquals(RouteKind.DESTINATION, kind("device", click().device(Families.DEVICE_TABLET)));
        assertEquals(RouteKind.DEFAULT, kind("device", click().device(Families.DEVICE_DESKTOP)));
        assertEquals(RouteKind.DEFAULT, kind("device", click()));
        assertEquals(RouteKind.DESTINATION, kind("os", click().os(Families.osCode("Android"))));
        assertEquals(RouteKind.DEFAULT, kind("os", click().os(Families.osCode("iOS"))));
        assertEquals(RouteKind.DESTINATION, kind("browser", click().browser(Families.browserCode("Chrome Mobile"))));
        assertEquals(RouteKind.DEFAULT, kind("browser", click().browser(Families.browserCode("Chrome"))));
    }

    @Test
    void shouldMatchThePreferredLanguageOfAcceptLanguage() {
        assertEquals(RouteKind.DESTINATION, kind("language", click().acceptLanguage("de-AT,de;q=0.9,en;q=0.5")));
        assertEquals(RouteKind.DESTINATION, kind("language", click().acceptLanguage("en;q=0.4, de")));
        assertEquals(RouteKind.DEFAULT, kind("language", click().acceptLanguage("en-US,en;q=0.9,de;q=0.8")));
        assertEquals(RouteKind.DEFAULT, kind("language", click()));
    }

    @Test
    void shouldMatchVisitCounts() {
        assertEquals(RouteKind.DEFAULT, kind("visits", click().visits(3)));
        assertEquals(RouteKind.DESTINATION, kind("visits", click().visits(4)));
    }

    @Test
    void shouldMatchPartnerAndPartnerGroup() {
        int alice = routing.partner("alice");
        int bob = routing.partner("bob");
        assertEquals(RouteKind.DESTINATION, kind("partner", click().partner(alice, routing.group("influencers"))));
        assertEquals(RouteKind.DEFAULT, kind("partner", click().partner(bob, routing.group("affiliates"))));
        assertEquals(RouteKind.DEFAULT, kind("partner", click()));
        assertEquals(RouteKind.DESTINATION, kind("group", click().partner(bob, routing.group("affiliates"))));
        assertEquals(RouteKind.DEFAULT, kind("group", click().partner(alice, routing.group("influencers"))));
    }

    @Test
    void shouldMatchHoursInTheLinksTimeZone() {
        // 9-17 Berlin: 07:00Z (09:00 CEST) in, 14:59Z in, 15:00Z (17:00 CEST) out, 06:59Z out.
        assertEquals(RouteKind.DESTINATION, kind("hours", click().epochMs(at("2026-05-04T07:00:00Z"))));
        assertEquals(RouteKind.DESTINATION, kind("hours", click().epochMs(at("2026-05-04T14:59:59Z"))));
        assertEquals(RouteKind.DEFAULT, kind("hours", click().epochMs(at("2026-05-04T15:00:00Z"))));
        assertEquals(RouteKind.DEFAULT, kind("hours", click().epochMs(at("2026-05-04T06:59:59Z"))));
        // In winter Berlin is UTC+1: 08:00Z is 09:00 local.
        assertEquals(RouteKind.DESTINATION, kind("hours", click().epochMs(at("2026-01-05T08:00:00Z"))));
        assertEquals(RouteKind.DEFAULT, kind("hours", click().epochMs(at("2026-01-05T07:30:00Z"))));
    }

    @Test
    void shouldMatchWeekdaysInTheLinksTimeZone() {
        assertEquals(RouteKind.DESTINATION, kind("weekdays", click()));
        // Wednesday 23:30Z is already Thursday in Berlin.
        assertEquals(RouteKind.DESTINATION, kind("weekdays", click().epochMs(at("2026-05-06T21:00:00Z"))));
        assertEquals(RouteKind.DEFAULT, kind("weekdays", click().epochMs(at("2026-05-06T23:30:00Z"))));
        assertEquals(RouteKind.DEFAULT, kind("weekdays", click().epochMs(at("2026-05-03T12:00:00Z"))));
    }

    @Test
    void shouldMatchQueryParametersAfterPercentDecoding() {
        assertEquals(RouteKind.DESTINATION, kind("query", click().uri("/query?src=newsletter&gclid=abc")));
        assertEquals(RouteKind.DESTINATION, kind("query", click().uri("/query?gclid=&src=news%6Cetter")));
        assertEquals(RouteKind.DEFAULT, kind("query", click().uri("/query?src=newsletter")));
        assertEquals(RouteKind.DEFAULT, kind("query", click().uri("/query?src=newsletters&gclid=1")));
        assertEquals(RouteKind.DEFAULT, kind("query", click().uri("/query?src=newsletter&gclid=1&test=1")));
        assertEquals(RouteKind.DEFAULT, kind("query", click().uri("/query")));
    }

    @Test
    void shouldMatchReferrerHostAndItsSubdomainsOnly() {
        assertEquals(RouteKind.DESTINATION, kind("referrer", click().referrer("https://m.facebook.com/story?id=1")));
        assertEquals(RouteKind.DESTINATION, kind("referrer", click().referrer("https://FACEBOOK.com")));
        assertEquals(RouteKind.DESTINATION, kind("referrer", click().referrer("http://t.co:443/abc")));
        assertEquals(RouteKind.DEFAULT, kind("referrer", click().referrer("https://notfacebook.com/")));
        assertEquals(RouteKind.DEFAULT, kind("referrer", click().referrer("https://facebook.com.evil.example/")));
        assertEquals(RouteKind.DEFAULT, kind("referrer", click().referrer("https://evil.example/?u=https://t.co/")));
        assertEquals(RouteKind.DEFAULT, kind("referrer", click()));
    }

    @Test
    void shouldRequireEveryConditionOfARule() {
        assertEquals(RouteKind.DESTINATION, kind("combined", click().country("DE").device(Families.DEVICE_MOBILE)));
        assertEquals(RouteKind.DEFAULT, kind("combined", click().country("DE").device(Families.DEVICE_DESKTOP)));
        assertEquals(RouteKind.DEFAULT, kind("combined", click().country("AT").device(Families.DEVICE_MOBILE)));
    }

    @Test
    void shouldLetTheFirstMatchingRuleDecide() {
        assertEquals(1, routing.route("ordered", click().country("DE").device(Families.DEVICE_MOBILE)).ruleNumber());
        assertEquals(2, routing.route("ordered", click().country("FR").device(Families.DEVICE_MOBILE)).ruleNumber());
        assertEquals(3, routing.route("ordered", click().country("FR")).ruleNumber());
        assertEquals(RouteKind.DESTINATION, routing.route("ordered", click()).kind());
    }

    @Test
    void shouldSendARuleToItsOwnDestination() {
        RouteDecision decision = routing.route("country", click().country("DE"));
        String location = new String(decision.program(), decision.programOffset(), decision.programLength(),
                java.nio.charset.StandardCharsets.ISO_8859_1);
        org.junit.jupiter.api.Assertions.assertTrue(location.contains("https://shop.example.com/country"), location);
        assertEquals(0, decision.offerNumber());
    }

    @Test
    void shouldLeaveLinksWithoutRulesToTheirDestination() {
        RouteDecision decision = new RouteDecision(1);
        routing.router.route(0, click(), decision);
        assertEquals(RouteKind.DEFAULT, decision.kind());
        assertEquals(0, decision.ruleNumber());
    }

    private static long at(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }
}

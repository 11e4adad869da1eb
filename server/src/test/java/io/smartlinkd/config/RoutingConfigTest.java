package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Offers, pools and link rules as read from YAML, and the errors users get for mistakes in them. */
@Timeout(10)
class RoutingConfigTest {
    @TempDir
    Path dir;

    private ConfigDir config;

    @BeforeEach
    void setUp() {
        config = new ConfigDir(dir).withDomain().write("partners.yaml", """
                partners:
                  - { id: alice, group: influencers }
                """);
    }

    @Test
    void shouldReadOffersPoolsAndRules() throws Exception {
        Config loaded = config.write("offers.yaml", """
                offers:
                  - id: casino-de
                    url: "https://adv.example/go?cid={click_id}&o={offer}"
                    payout: 1.80
                    currency: eur
                    targeting: { country: [de, AT], not_country: [CH], device: mobile, os: [android, iOS] }
                    caps:
                      clicks: { hour: 100, day: 1000, total: 50000 }
                      conversions: { day: 50 }
                      payout: { day: 90.5 }
                    time_zone: Europe/Berlin
                  - { id: safe, url: "https://adv.example/safe", active: false, accept_bots: false }
                pools:
                  - id: de-mobile
                    strategy: priority
                    offers: [{ offer: safe, priority: 2 }, { offer: casino-de, priority: 1 }]
                    fallback: safe
                  - id: mixed
                    offers: [casino-de, { offer: safe, weight: 0 }]
                """).write("links.yaml", """
                links:
                  - slug: smart
                    destination: https://shop.example.com/
                    time_zone: America/New_York
                    on_lost: { url: "https://shop.example.com/sorry" }
                    rules:
                      - name: de-mobile
                        when:
                          country: [DE]
                          language: [DE, fil]
                          visits: ">=2"
                          partner: alice
                          partner_group: [influencers]
                          hours: ["9-12", "14-18"]
                          weekdays: [mon-fri, sun]
                          query: { src: [newsletter, mail], gclid: present, test: absent }
                          referrer: [Facebook.com]
                        pool: de-mobile
                      - destination: https://shop.example.com/other
                """).load();

        OfferConfig offer = loaded.offers().get(0);
        assertEquals("casino-de", offer.id());
        assertEquals(new BigDecimal("1.80"), offer.payout());
        assertEquals("EUR", offer.currency());
        assertEquals(List.of("DE", "AT"), offer.targeting().countries());
        assertEquals(List.of("CH"), offer.targeting().notCountries());
        assertEquals(List.of("mobile"), offer.targeting().devices());
        assertEquals(List.of("Android", "iOS"), offer.targeting().os());
        assertEquals(new OfferCaps(new CapLimits(100, 1000, 50000), new CapLimits(0, 50, 0),
                new CapLimits(0, 905_000, 0)), offer.caps());
        assertEquals(ZoneId.of("Europe/Berlin"), offer.timeZone());
        OfferConfig safe = loaded.offers().get(1);
        assertEquals(false, safe.active());
        assertEquals(false, safe.acceptBots());
        assertEquals(OfferCaps.NONE, safe.caps());

        PoolConfig pool = loaded.pools().get(0);
        assertEquals(PoolConfig.Strategy.PRIORITY, pool.strategy());
        assertEquals(List.of("casino-de", "safe"), pool.entries().stream().map(PoolConfig.Entry::offer).toList());
        assertEquals("safe", pool.fallback());
        PoolConfig mixed = loaded.pools().get(1);
        assertEquals(PoolConfig.Strategy.WEIGHT, mixed.strategy());
        assertEquals(List.of(1, 0), mixed.entries().stream().map(PoolConfig.Entry::weight).toList());
        assertNull(mixed.fallback());

        LinkRouting routing = loaded.links().get(0).routing();
        assertEquals(ZoneId.of("America/New_York"), routing.timeZone());
        assertEquals(new OnLost(OnLost.Kind.URL, "https://shop.example.com/sorry", 0), routing.onLost());
        RuleConfig rule = routing.rules().get(0);
        assertEquals(1, rule.number());
        assertEquals("de-mobile", rule.name());
        assertEquals("de-mobile", rule.pool());
        Conditions when = rule.when();
        assertEquals(List.of("de", "fil"), when.languages());
        assertEquals(new Conditions.VisitRange(2, Integer.MAX_VALUE), when.visits());
        assertEquals(List.of("alice"), when.partners());
        assertEquals(List.of("influencers"), when.partnerGroups());
        assertEquals(0b11_1100_1110_0000_0000, when.hourMask()); // 9-11 and 14-17
        assertEquals(0b1011111, when.weekdayMask());
        assertEquals(List.of(
                new Conditions.QueryCondition("src", Conditions.QueryCondition.Mode.EQUALS, List.of("newsletter", "mail")),
                new Conditions.QueryCondition("gclid", Conditions.QueryCondition.Mode.PRESENT, List.of()),
                new Conditions.QueryCondition("test", Conditions.QueryCondition.Mode.ABSENT, List.of())), when.query());
        assertEquals(List.of("facebook.com"), when.referrers());
        RuleConfig second = routing.rules().get(1);
        assertEquals("rule 2", second.name());
        assertEquals(Conditions.NONE, second.when());
        assertEquals("https://shop.example.com/other", second.destination());
        assertEquals(LinkRouting.NONE, new ConfigDir(dir.resolve("plain")).withDomain().write("l.yaml",
                "links: [{ slug: a, destination: \"https://a.example/\" }]").load().links().get(0).routing());
    }

    @Test
    void shouldReadHourRangesThatWrapAndTheWholeDay() {
        assertEquals(0b1100_0000_0000_0000_0000_0011, HourRanges.parse("22-2"));
        assertEquals(HourRanges.ALL_HOURS, HourRanges.parse("0-24"));
        assertEquals(1 << 9, HourRanges.parse("9"));
        assertEquals(1 << 23, HourRanges.parse("23-24"));
    }

    @Test
    void shouldReportUnknownNamesInConditionsAtEachName() {
        config.write("links.yaml", """
                links:
                  - slug: smart
                    destination: https://shop.example.com/
                    rules:
                      - when:
                          country: [DE, UK, XX]
                          device: [phone]
                          os: [Andriod]
                          browser: Chrome
                          language: [de-AT]
                          partner: [carol]
                          partner_group: [vips]
                          referrer: ["https://t.co"]
                        destination: https://shop.example.com/x
                """);

        List<String> errors = config.errors();
        assertEquals(List.of(
                "links.yaml:6:25: country: unknown country code 'UK' (ISO 3166-1 alpha-2, such as DE or US; the United"
                        + " Kingdom is GB)",
                "links.yaml:6:29: country: unknown country code 'XX' (ISO 3166-1 alpha-2, such as DE or US)",
                "links.yaml:7:20: device: unknown device type 'phone' (known: desktop, mobile, tablet, other)"),
                errors.subList(0, 3));
        assertEquals("links.yaml:8:16: os: unknown OS family 'Andriod' (known: Other, Windows, Mac OS X, iOS,",
                errors.get(3).substring(0, errors.get(3).indexOf("iOS,") + 4));
        assertEquals(List.of(
                "links.yaml:10:22: language: expected a primary language tag of 2 or 3 letters such as de or en (got"
                        + " 'de-AT')",
                "links.yaml:11:21: unknown partner 'carol'",
                "links.yaml:12:27: unknown partner group 'vips' (no partner has it)",
                "links.yaml:13:22: referrer must be a bare host name, without scheme (got 'https://t.co')"),
                errors.subList(4, 8));
        assertEquals(8, errors.size(), errors.toString());
    }

    @Test
    void shouldReportBadHoursWeekdaysVisitsQueriesAndTimeZones() {
        config.write("links.yaml", """
                links:
                  - slug: smart
                    destination: https://shop.example.com/
                    time_zone: Europe/Berln
                    rules:
                      - when:
                          hours: "9-25"
                          weekdays: [mon, funday]
                          visits: "<1"
                          query: { "s rc": x, empty: [] }
                          country: []
                        destination: https://shop.example.com/x
                      - when: { hours: "5-5" }
                        destination: https://shop.example.com/y
                """);

        assertEquals(List.of(
                "links.yaml:4:16: time_zone: unknown time zone 'Europe/Berln' (use a region such as Europe/Berlin, or"
                        + " UTC)",
                "links.yaml:7:18: hours: expected hours such as \"9-17\" or \"22-6, 12\" (0 to 24), got '25'",
                "links.yaml:8:27: weekdays: expected a weekday (mon, tue, wed, thu, fri, sat, sun) or a range such as"
                        + " mon-fri, got 'funday'",
                "links.yaml:9:19: visits: visits '<1' matches no visit (the first visit is 1)",
                "links.yaml:10:20: query: parameter name 's rc' must be 1 to 64 letters, digits, '_', '-' or '.'",
                "links.yaml:10:38: query.empty: an empty list matches nothing; remove the key to match every click",
                "links.yaml:11:20: country: an empty list matches nothing; remove the key to match every click",
                "links.yaml:13:24: hours: the range '5-5' is empty; write 0-24 for the whole day"), config.errors());
    }

    @Test
    void shouldReportRuleTargetsAndOnLostMistakes() {
        config.write("links.yaml", """
                links:
                  - slug: smart
                    destination: https://shop.example.com/
                    redirect: 301
                    on_lost: { status: 500 }
                    rules:
                      - name: both
                        pool: p
                        destination: https://shop.example.com/x
                      - name: neither
                      - { pool: nowhere }
                      - { pool: o, wen: {} }
                """).write("offers.yaml", """
                offers:
                  - { id: o, url: "https://adv.example/o" }
                pools:
                  - { id: p, offers: [o] }
                """);

        assertEquals(List.of(
                "links.yaml:4:15: redirect 301 is permanent and browsers cache it; a link with rules needs 302 or 307",
                "links.yaml:5:24: on_lost.status must be 404, 410 or 503 (got 500)",
                "links.yaml:7:9: a rule needs either pool or destination, not both",
                "links.yaml:10:9: a rule needs either pool or destination",
                "links.yaml:11:17: unknown pool 'nowhere'",
                "links.yaml:12:17: unknown pool 'o' (it is an offer; rules send clicks to pools)",
                "links.yaml:12:20: unknown key 'wen' in rule (allowed: name, when, pool, destination, discount)"), config.errors());
    }

    @Test
    void shouldReportOfferMistakes() {
        config.write("offers.yaml", """
                offers:
                  - id: a
                    url: "ftp://adv.example/a"
                    payout: -1
                    currency: EURO
                    caps:
                      clicks: { hour: 0, week: 5 }
                      payout: { day: 10 }
                    targeting: { visits: "=1" }
                  - { id: a, url: "https://adv.example/{country}" }
                  - { url: "https://adv.example/b" }
                """);

        assertEquals(List.of(
                "offers.yaml:3:10: url must be an absolute http:// or https:// URL (got 'ftp://adv.example/a')",
                "offers.yaml:4:13: payout must be an amount of 0 or more with at most 4 decimals (got '-1')",
                "offers.yaml:5:15: currency: unknown currency 'EURO' (ISO 4217, such as EUR or USD)",
                "offers.yaml:7:23: caps.clicks.hour must be between 1 and 1099511627775 (got 0)",
                "offers.yaml:7:26: unknown key 'week' in caps.clicks (allowed: hour, day, total)",
                "offers.yaml:9:18: unknown key 'visits' in targeting (allowed: country, not_country, device, os,"
                        + " browser, language)",
                "offers.yaml:10:11: offer 'a' is already defined at offers.yaml:2:9",
                "offers.yaml:11:5: missing required key 'id' in offer"), config.errors().subList(0, 8));
    }

    @Test
    void shouldRequireACurrencyForPayoutCaps() {
        config.write("offers.yaml", """
                offers:
                  - { id: a, url: "https://adv.example/a", caps: { payout: { day: 10 } } }
                """);

        assertEquals(List.of("offers.yaml:2:50: caps.payout needs the offer's currency"), config.errors());
    }

    @Test
    void shouldReportPoolMistakes() {
        config.write("offers.yaml", """
                offers:
                  - { id: o, url: "https://adv.example/o" }
                pools:
                  - id: p
                    strategy: epc
                    offers: [o, o, q, p2, { offer: o, weight: -1 }]
                    fallback: p2
                  - id: p2
                    strategy: priority
                    offers: [{ offer: o, weight: 2 }]
                  - id: p3
                    strategy: priority
                    offers: [{ offer: o, priority: 1 }, { offer: o2 }]
                  - { id: p, offers: [] }
                  - { id: p4 }
                """);

        assertEquals(List.of(
                "offers.yaml:5:15: strategy must be weight or priority (got 'epc')",
                "offers.yaml:6:17: offer 'o' is already in this pool at offers.yaml:6:14",
                "offers.yaml:6:20: unknown offer 'q'",
                "offers.yaml:6:23: offer 'p2' is a pool; a pool lists offers, not pools",
                "offers.yaml:6:36: offer 'o' is already in this pool at offers.yaml:6:14",
                "offers.yaml:6:47: weight must be between 0 and 1000000 (got -1)",
                "offers.yaml:7:15: fallback 'p2' is a pool; a pool lists offers, not pools",
                "offers.yaml:10:34: weight: only for strategy: weight (this pool tries offers by priority)",
                "offers.yaml:13:13: offers: give every offer a priority, or none (then the list order is the priority)",
                "offers.yaml:13:50: unknown offer 'o2'",
                "offers.yaml:14:11: pool 'p' is already defined at offers.yaml:4:9",
                "offers.yaml:15:5: missing required key 'offers' in pool (an empty list is allowed)"), config.errors());
    }

    @Test
    void shouldReportABadCapsShare() {
        config.write("server.yaml", "server:\n  caps_share: 1.5\n");

        assertEquals(List.of("server.yaml:2:15: caps_share must be a fraction more than 0 and at most 1, such as 0.25"
                + " (got '1.5')"), config.errors());
    }
}

package io.smartlinkd.bench;

import io.smartlinkd.agent.Families;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.link.LinkView;
import io.smartlinkd.routing.CapCounters;
import io.smartlinkd.routing.RouteDecision;
import io.smartlinkd.routing.Router;
import io.smartlinkd.routing.SimpleClickFacts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One routing decision for a realistic smartlink: 6 rules (partner + visits, query, referrer, language,
 * hours + weekdays, country + device), the last one sending the click to a 5-offer weight pool with targeting and
 * click caps (counted in the mapped counter file, as in production). {@code lastRuleToPool} is the worst case, every
 * rule evaluated and a cap taken; {@code firstRuleDestination} the best. Run:
 * {@code java -jar loadtest/target/benchmarks.jar RoutingBenchmark -prof gc}.
 */
public class RoutingBenchmark extends SmartlinkdBenchmark {
    private static final String CONFIG = """
            domains:
              - host: go.example.com
            partners:
              - { id: alice, group: influencers }
            offers:
              - { id: casino-de, url: "https://adv.example/a?cid={click_id}&o={offer}",
                  targeting: { country: [DE, AT], device: [mobile, tablet] },
                  caps: { clicks: { hour: 1000000000, day: 1000000000 } } }
              - { id: casino-at, url: "https://adv.example/b?cid={click_id}", targeting: { country: [AT] } }
              - { id: vpn, url: "https://adv.example/c?cid={click_id}", caps: { clicks: { total: 1000000000 } } }
              - { id: dating, url: "https://adv.example/d?cid={click_id}", targeting: { os: [Android, iOS] },
                  caps: { clicks: { day: 1000000000 }, conversions: { day: 1000 } } }
              - { id: sweeps, url: "https://adv.example/e?cid={click_id}", accept_bots: false }
              - { id: safe, url: "https://adv.example/safe?cid={click_id}" }
            pools:
              - id: de-mobile
                strategy: weight
                offers:
                  - { offer: casino-de, weight: 5 }
                  - { offer: casino-at, weight: 3 }
                  - { offer: vpn, weight: 2 }
                  - { offer: dating, weight: 2 }
                  - { offer: sweeps, weight: 1 }
                fallback: safe
            links:
              - slug: smart
                destination: https://shop.example.com/
                time_zone: Europe/Berlin
                rules:
                  - { when: { partner: [alice], visits: ">3" }, destination: "https://shop.example.com/vip" }
                  - { when: { query: { src: newsletter } }, destination: "https://shop.example.com/news" }
                  - { when: { referrer: [facebook.com, instagram.com] }, destination: "https://shop.example.com/fb" }
                  - { when: { language: [fr, it] }, destination: "https://shop.example.com/intl" }
                  - { when: { hours: "0-6", weekdays: [sat, sun] }, destination: "https://shop.example.com/late" }
                  - { when: { country: [DE, AT, CH], device: [mobile, tablet] }, pool: de-mobile }
            """;

    private Path dir;
    private CapCounters caps;
    private Router router;
    private int ruleSet;
    private SimpleClickFacts toPool;
    private SimpleClickFacts toFirstRule;
    private final RouteDecision decision = new RouteDecision(17);
    private long epochMs = 1_777_888_999_000L;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("smartlinkd-routing-bench");
        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("all.yaml"), CONFIG);
        Config parsed = ConfigLoader.load(config);
        CompiledLinkSet compiled = LinkSetCompiler.compile(parsed, null, 0);
        caps = CapCounters.open(dir.resolve("caps/counters.bin"));
        router = compiled.routing().table().router(caps);
        ruleSet = new LinkView().wrap(compiled.entries().recordOf(
                LinkTable.key(compiled.domains().match("go.example.com").number(), "smart"))).ruleSet();
        toPool = new SimpleClickFacts().country("DE").device(Families.DEVICE_MOBILE).os(Families.osCode("Android"))
                .visits(2).uri("/smart?src=ads&sub1=abc&utm_source=x").referrer("https://t.co/xyz")
                .acceptLanguage("de-DE,de;q=0.9,en;q=0.8");
        toFirstRule = new SimpleClickFacts().partner(compiled.partners().partnerNumber("alice"), 1).visits(5)
                .uri("/smart/alice");
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        caps.close();
        BenchFiles.delete(dir);
    }

    @Benchmark
    public int lastRuleToPool() {
        router.route(ruleSet, toPool.epochMs(epochMs += 7), decision);
        return decision.offerNumber();
    }

    @Benchmark
    public int firstRuleDestination() {
        router.route(ruleSet, toFirstRule.epochMs(epochMs += 7), decision);
        return decision.ruleNumber();
    }
}

package io.smartlinkd.routing;

import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkView;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A config compiled from YAML in a temp dir, routed against in-memory cap counters. */
final class RoutingFixture {
    static final String DOMAIN = "domains:\n  - host: go.example.com\n";

    final CompiledLinkSet compiled;
    final CapCounters caps;
    final Router router;

    private RoutingFixture(CompiledLinkSet compiled, CapCounters caps) {
        this.compiled = compiled;
        this.caps = caps;
        this.router = compiled.routing().table().router(caps);
    }

    /** Compiles one go.example.com domain plus {@code yaml}. */
    static RoutingFixture of(Path dir, String yaml) {
        return of(dir, yaml, CapCounters.inMemory(), OfferRegistry.inMemory());
    }

    static RoutingFixture of(Path dir, String yaml, CapCounters caps, OfferRegistry offers) {
        try {
            Path config = Files.createDirectories(dir.resolve("config"));
            Files.writeString(config.resolve("all.yaml"), DOMAIN + yaml);
            Config parsed = ConfigLoader.load(config, name -> null);
            return new RoutingFixture(LinkSetCompiler.compile(parsed, null, offers, 0), caps);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ConfigException e) {
            throw new AssertionError("config refused:\n" + e.getMessage(), e);
        }
    }

    int ruleSet(String linkId) {
        int[] ruleSet = {-1};
        compiled.entries().forEach((key, keyLength, record, recordLength) -> {
            LinkView link = new LinkView().wrap(java.util.Arrays.copyOf(record, recordLength));
            if (link.linkId().equals(linkId)) {
                ruleSet[0] = link.ruleSet();
            }
        });
        if (ruleSet[0] < 0) {
            throw new AssertionError("no compiled link " + linkId);
        }
        return ruleSet[0];
    }

    int offer(String id) {
        return compiled.routing().table().offerNumber(id);
    }

    String offerId(int number) {
        return compiled.routing().table().offerId(number);
    }

    int partner(String id) {
        return compiled.partners().partnerNumber(id);
    }

    int group(String name) {
        return compiled.partners().groupNumber(name);
    }

    RouteDecision route(String linkId, ClickFacts facts) {
        RouteDecision decision = new RouteDecision(42);
        router.route(ruleSet(linkId), facts, decision);
        return decision;
    }

    RouteDecision route(String linkId, ClickFacts facts, RouteDecision decision) {
        router.route(ruleSet(linkId), facts, decision);
        return decision;
    }

    RouteTrace explain(String linkId, ClickFacts facts) {
        return router.explain(ruleSet(linkId), facts);
    }
}

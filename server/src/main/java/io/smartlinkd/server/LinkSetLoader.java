package io.smartlinkd.server;

import io.smartlinkd.config.Config;
import io.smartlinkd.agent.BotRules;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.discount.DiscountService;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.link.PublishedSlug;
import io.smartlinkd.link.SlugRegistry;
import io.smartlinkd.routing.CapCounters;
import io.smartlinkd.routing.OfferRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns a config directory into a live {@link LinkSet}: parse and validate, compile against the published-slug
 * registry and the offer numbers, record new offer numbers, write (or reopen) the link table generation, bind its
 * routing to the cap counters, and only then record newly published slugs. Used by the single reload thread; never
 * concurrently with itself.
 */
final class LinkSetLoader {
    private final Path configDir;
    private final Path linksDir;
    private final SlugRegistry registry;
    private final OfferRegistry offers;
    private final CapCounters caps;
    private final DiscountService discounts;
    private long generation;

    LinkSetLoader(Path configDir, Path dataDir, SlugRegistry registry, OfferRegistry offers, CapCounters caps) {
        this(configDir, dataDir, registry, offers, caps, null);
    }

    /** @param discounts gives each generation's discounts their code pools; null = links redirect without codes */
    LinkSetLoader(Path configDir, Path dataDir, SlugRegistry registry, OfferRegistry offers, CapCounters caps,
                  DiscountService discounts) {
        this.discounts = discounts;
        this.configDir = configDir;
        this.linksDir = dataDir.resolve("links");
        this.registry = registry;
        this.offers = offers;
        this.caps = caps;
    }

    /** A built generation and the slugs it serves for the first time. */
    record Loaded(LinkSet linkSet, Map<String, PublishedSlug> newlyPublished, BotRules botRules) {
    }

    /** Builds the next generation; nothing is published and nothing running changes if this throws. */
    Loaded load() throws ConfigException {
        Config config = ConfigLoader.load(configDir);
        // Read with the rest, so that a broken crawler list rejects the reload whole.
        BotRules botRules = BotRules.load(config.bots());
        CompiledLinkSet compiled = LinkSetCompiler.compile(config, registry, offers, System.currentTimeMillis());
        try {
            // Before any click can carry them: a number, once used, must never go to another offer.
            offers.record(compiled.routing().newOfferNumbers());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record offer numbers: " + e.getMessage(), e);
        }
        LinkTable table;
        try {
            table = LinkTable.openOrBuild(linksDir, compiled.entries());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the link table in " + linksDir + ": " + e.getMessage(), e);
        }
        LinkSet linkSet = new LinkSet(config, compiled.domains(), compiled.partners(), table,
                compiled.routing().table().router(caps), ++generation, compiled.discounts());
        if (discounts != null) {
            discounts.apply(compiled.discounts());
        }
        return new Loaded(linkSet, compiled.newlyPublished(), botRules);
    }

    /** Records the slugs of a generation that is now live. */
    void published(Loaded live) {
        registry.publish(live.newlyPublished());
    }

    void deleteUnusedTables(List<LinkTable> inUse) {
        try {
            LinkTable.deleteUnused(linksDir, inUse);
        } catch (IOException e) {
            // Stale generations only cost disk; the next cleanup retries.
        }
    }
}

package io.smartlinkd.server;

import io.smartlinkd.config.Config;
import io.smartlinkd.agent.BotRules;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.ConfigSource;
import io.smartlinkd.discount.DiscountService;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.link.PendingSlugs;
import io.smartlinkd.link.SlugRegistry;
import io.smartlinkd.routing.CapCounters;
import io.smartlinkd.routing.OfferRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

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
    record Loaded(LinkSet linkSet, PendingSlugs newlyPublished, BotRules botRules) {
    }

    /** Builds the next generation; nothing is published and nothing running changes if this throws. */
    Loaded load() throws ConfigException {
        CompiledLinkSet compiled;
        BotRules botRules;
        try (ConfigSource source = ConfigLoader.open(configDir)) {
            compiled = LinkSetCompiler.compile(source, registry, offers, System.currentTimeMillis(), linksDir);
        }
        Config config = compiled.config();
        try {
            // Read with the rest, so that a broken crawler list rejects the reload whole.
            botRules = BotRules.load(config.bots());
            // Before any click can carry them: a number, once used, must never go to another offer.
            offers.record(compiled.routing().newOfferNumbers());
        } catch (ConfigException e) {
            compiled.close();
            throw e;
        } catch (IOException e) {
            compiled.close();
            throw new UncheckedIOException("cannot record offer numbers: " + e.getMessage(), e);
        }
        LinkTable table;
        try {
            table = LinkTable.openOrBuild(linksDir, compiled.entries());
        } catch (IOException e) {
            compiled.close();
            throw new UncheckedIOException("cannot write the link table in " + linksDir + ": " + e.getMessage(), e);
        } finally {
            compiled.entries().close();
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
        try (PendingSlugs slugs = live.newlyPublished()) {
            registry.publish(slugs);
        }
    }

    void deleteUnusedTables(List<LinkTable> inUse) {
        try {
            LinkTable.deleteUnused(linksDir, inUse);
        } catch (IOException e) {
            // Stale generations only cost disk; the next cleanup retries.
        }
    }
}

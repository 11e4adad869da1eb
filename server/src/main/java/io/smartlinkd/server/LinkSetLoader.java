package io.smartlinkd.server;

import io.smartlinkd.agent.BotRules;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.ConfigSource;
import io.smartlinkd.discount.DiscountService;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkManifest;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.link.PendingSlugs;
import io.smartlinkd.link.SlugRegistry;
import io.smartlinkd.routing.CapCounters;
import io.smartlinkd.routing.OfferRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a config directory into a live {@link LinkSet}: parse and validate, compile against the published-slug
 * registry and the offer numbers, record new offer numbers, write (or reopen) the link table generation, bind its
 * routing to the cap counters, and only then record newly published slugs. Used by the single reload thread; never
 * concurrently with itself.
 *
 * <p>A config of more than {@link #KNOWN_LINKS_ABOVE} links leaves a {@link LinkManifest} beside its
 * table; while its link files, the settings they depend on and their environment stay the same, a start or reload
 * reads only the other files and serves the table as it is, so 10,000,000 links start in seconds.
 */
final class LinkSetLoader {
    private static final Logger LOG = LoggerFactory.getLogger(LinkSetLoader.class);
    /** Below this a start reads the links in seconds; the manifest is for configs whose reading takes minutes. */
    static final long KNOWN_LINKS_ABOVE = 100_000;

    private final Path configDir;
    private final Path linksDir;
    private final SlugRegistry registry;
    private final OfferRegistry offers;
    private final CapCounters caps;
    private final DiscountService discounts;
    private final Function<String, String> env;
    private final long knownLinksAbove;
    private final Supplier<BotRules> botRulesInForce;
    private long generation;

    /**
     * @param discounts       gives each generation's discounts their code pools; null = links redirect without codes
     * @param botRulesInForce the classifier's rules, kept when a config asks for the same ones (building the crawler
     *                        matcher takes a few hundred milliseconds; a start would otherwise build it twice)
     */
    LinkSetLoader(Path configDir, Path dataDir, SlugRegistry registry, OfferRegistry offers, CapCounters caps,
                  DiscountService discounts, Supplier<BotRules> botRulesInForce) {
        this(configDir, dataDir, registry, offers, caps, discounts, System::getenv, KNOWN_LINKS_ABOVE,
                botRulesInForce);
    }

    /**
     * @param knownLinksAbove configs of more links than this keep a manifest and restart without reading their
     *                        links
     */
    LinkSetLoader(Path configDir, Path dataDir, SlugRegistry registry, OfferRegistry offers, CapCounters caps,
                  DiscountService discounts, Function<String, String> env, long knownLinksAbove,
                  Supplier<BotRules> botRulesInForce) {
        this.botRulesInForce = botRulesInForce;
        this.env = env;
        this.knownLinksAbove = knownLinksAbove;
        this.discounts = discounts;
        this.configDir = configDir;
        this.linksDir = dataDir.resolve("links");
        this.registry = registry;
        this.offers = offers;
        this.caps = caps;
    }

    /**
     * A built generation and the slugs it serves for the first time.
     *
     * @param manifest to write once it is live; null when its table needs none
     * @param known    true when it reuses a table on disk without reading the links
     */
    record Loaded(LinkSet linkSet, PendingSlugs newlyPublished, BotRules botRules, LinkManifest manifest,
                  boolean known) {
    }

    /** Builds the next generation; nothing is published and nothing running changes if this throws. */
    Loaded load() throws ConfigException {
        LinkManifest manifest = LinkManifest.read(linksDir);
        try (ConfigSource source = ConfigLoader.open(configDir, env,
                manifest != null ? manifest : ConfigLoader.KnownLinkFiles.NONE)) {
            return load(source, manifest);
        }
    }

    /**
     * As {@link #load()}, from a source the caller opened (the start reads the settings first and should not read
     * every file twice), with this data dir's manifest as its known link files or none; the caller closes it.
     */
    Loaded load(ConfigSource source) throws ConfigException {
        return load(source, LinkManifest.read(linksDir));
    }

    private Loaded load(ConfigSource source, LinkManifest manifest) throws ConfigException {
        if (manifest != null) {
            Loaded known = loadKnown(source, manifest);
            if (known != null) {
                return known;
            }
        }
        if (source.skippedLinkFiles()) {
            // The manifest the files were skipped for no longer holds: every link is read.
            try (ConfigSource all = ConfigLoader.open(configDir, env)) {
                return compileAll(all);
            }
        }
        return compileAll(source);
    }

    private Loaded compileAll(ConfigSource source) throws ConfigException {
        CompiledLinkSet compiled = LinkSetCompiler.compile(source, registry, offers, System.currentTimeMillis(),
                linksDir);
        return live(compiled, null, manifestOf(source, compiled));
    }

    /** The generation of the manifest's table, if nothing it was compiled from changed; else null. */
    private Loaded loadKnown(ConfigSource source, LinkManifest manifest) throws ConfigException {
        Path tableFile = linksDir.resolve(manifest.table());
        if (manifest.links() <= knownLinksAbove || !Files.exists(tableFile)
                || registry.nextLinkNumber() != manifest.nextLinkNumber()
                || !manifest.envHash().equals(LinkManifest.envHash(manifest.envNames(), env))) {
            return null;
        }
        boolean sameFiles = source.linkFiles().size() == manifest.files().size()
                && source.linkFiles().stream().allMatch(file -> file.stamp() != null
                        && manifest.linksIfKnown(file.name(), file.stamp()) == file.links());
        if (!sameFiles || source.hasErrors()
                || !LinkSetCompiler.linkContext(source.settings()).equals(manifest.context())) {
            return null;
        }
        CompiledLinkSet compiled = LinkSetCompiler.compileKnown(source, manifest.ruleSetSources(), offers, linksDir);
        if (compiled == null) {
            return null;
        }
        LOG.info("link files unchanged since {} was compiled: serving it without reading them", manifest.table());
        return live(compiled, LinkTable.openExisting(tableFile), null);
    }

    /** What a restart needs to reuse this generation's table; null when it cannot or need not. */
    private LinkManifest manifestOf(ConfigSource source, CompiledLinkSet compiled) {
        long links = compiled.entries().count();
        boolean rulesKnown = compiled.ruleSetSources().size() == compiled.routing().table().ruleSetCount();
        boolean stamped = source.linkFiles().stream().allMatch(file -> file.stamp() != null);
        if (links <= knownLinksAbove || !rulesKnown || !stamped) {
            return null;
        }
        List<LinkManifest.LinkFile> files = new ArrayList<>();
        for (ConfigSource.LinkFile file : source.linkFiles()) {
            if (!file.linksOnly()) {
                // Its other sections must be read at every start, and with them its links.
                return null;
            }
            files.add(new LinkManifest.LinkFile(file.name(), file.stamp(), file.links()));
        }
        List<String> envNames = List.copyOf(source.linkEnvNames());
        return new LinkManifest(LinkTable.fileName(compiled.entries()), links,
                LinkSetCompiler.linkContext(source.settings()), envNames, LinkManifest.envHash(envNames, env), 0,
                files, compiled.ruleSetSources());
    }

    /** Binds a compiled generation to its table (built now when {@code table} is null). */
    private Loaded live(CompiledLinkSet compiled, LinkTable known, LinkManifest manifest) throws ConfigException {
        BotRules botRules;
        Config config = compiled.config();
        try {
            // Read with the rest, so that a broken crawler list rejects the reload whole.
            botRules = BotRules.load(config.bots(), botRulesInForce.get());
            // Before any click can carry them: a number, once used, must never go to another offer.
            offers.record(compiled.routing().newOfferNumbers());
        } catch (ConfigException e) {
            compiled.close();
            throw e;
        } catch (IOException e) {
            compiled.close();
            throw new UncheckedIOException("cannot record offer numbers: " + e.getMessage(), e);
        }
        LinkTable table = known;
        try {
            if (table == null) {
                table = LinkTable.openOrBuild(linksDir, compiled.entries());
            }
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
        return new Loaded(linkSet, compiled.newlyPublished(), botRules, manifest, known != null);
    }

    /** Records the slugs of a generation that is now live. */
    void published(Loaded live) {
        try (PendingSlugs slugs = live.newlyPublished()) {
            registry.publish(slugs);
        }
        try {
            if (live.manifest() != null) {
                live.manifest().withNextLinkNumber(registry.nextLinkNumber()).write(linksDir);
            } else if (!live.known()) {
                LinkManifest.delete(linksDir);
            }
        } catch (IOException e) {
            // Without a manifest the next start reads the links again: slower, never wrong.
            LOG.warn("cannot write the link manifest in {}: {}", linksDir, e.getMessage());
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

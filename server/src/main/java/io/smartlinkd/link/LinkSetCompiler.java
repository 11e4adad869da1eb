package io.smartlinkd.link;

import io.smartlinkd.config.Access;
import io.smartlinkd.config.BoundedErrors;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigError;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigSource;
import io.smartlinkd.config.DiscountConfig;
import io.smartlinkd.config.DomainConfig;
import io.smartlinkd.config.LinkConfig;
import io.smartlinkd.config.PartnerConfig;
import io.smartlinkd.config.Rejection;
import io.smartlinkd.config.SourceLocation;
import io.smartlinkd.discount.Discount;
import io.smartlinkd.discount.DiscountTable;
import io.smartlinkd.routing.OfferRegistry;
import io.smartlinkd.routing.RoutingCompiler;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Compiles a validated {@link Config} into domain and partner tables, the routing table and link records, and
 * checks it against the published-slug registry. Links are compiled one at a time, so a config streamed from the
 * YAML ({@link ConfigSource}) never needs all its links in memory. Errors are collected and reported together,
 * pointing at the YAML.
 */
public final class LinkSetCompiler {
    /** The links to compile, one at a time, and which slugs they serve. */
    private interface Links {
        void forEach(Consumer<LinkConfig> each);

        boolean serves(String host, String slug);

        /** Whether the config has errors already; its links are then not compiled. */
        boolean refused();

        /** The YAML of the link being handed out, to read it again alone; null when not available. */
        String currentYaml();
    }

    private final Config config;
    private final SlugRegistry registry;
    private final OfferRegistry offerRegistry;
    private final long nowMs;
    private final Path scratchDir;
    private final BoundedErrors errors = new BoundedErrors();

    private LinkSetCompiler(Config config, SlugRegistry registry, OfferRegistry offerRegistry, long nowMs,
                            Path scratchDir) {
        this.config = config;
        this.registry = registry;
        this.offerRegistry = offerRegistry;
        this.nowMs = nowMs;
        this.scratchDir = scratchDir;
    }

    /**
     * @param registry published slugs to respect, or null to compile without that check (offline {@code check}
     *                 without a data dir); offers are numbered afresh
     */
    public static CompiledLinkSet compile(Config config, SlugRegistry registry, long nowMs) throws ConfigException {
        return compile(config, registry, null, nowMs);
    }

    /**
     * Compiles a config held in memory, links included.
     *
     * @param registry      published slugs to respect, or null (see above)
     * @param offerRegistry offer numbers to keep, or null to number offers afresh
     */
    public static CompiledLinkSet compile(Config config, SlugRegistry registry, OfferRegistry offerRegistry,
                                          long nowMs) throws ConfigException {
        Links links = new Links() {
            private Set<String> served;

            @Override
            public void forEach(Consumer<LinkConfig> each) {
                config.links().forEach(each);
            }

            @Override
            public boolean serves(String host, String slug) {
                if (served == null) {
                    served = new HashSet<>();
                    for (LinkConfig link : config.links()) {
                        served.add(SlugRegistry.key(link.domain(), link.slug()));
                    }
                }
                return served.contains(SlugRegistry.key(host, slug));
            }

            @Override
            public boolean refused() {
                return false;
            }

            @Override
            public String currentYaml() {
                return null;
            }
        };
        Path scratch = Path.of(System.getProperty("java.io.tmpdir"));
        return new LinkSetCompiler(config, registry, offerRegistry, nowMs, scratch).run(links);
    }

    /**
     * Compiles a config as its links are streamed from the YAML, so that millions of links cost the heap only
     * what their rule sets and the settings cost; records and new slugs spill to {@code scratchDir}. Refuses the
     * config with the source's errors, or else with the compile errors.
     */
    public static CompiledLinkSet compile(ConfigSource source, SlugRegistry registry, OfferRegistry offerRegistry,
                                          long nowMs, Path scratchDir) throws ConfigException {
        Links links = new Links() {
            @Override
            public void forEach(Consumer<LinkConfig> each) {
                source.forEachLink(each);
            }

            @Override
            public boolean serves(String host, String slug) {
                return source.serves(host, slug);
            }

            @Override
            public boolean refused() {
                return source.hasErrors();
            }

            @Override
            public String currentYaml() {
                return source.currentLinkYaml();
            }
        };
        CompiledLinkSet compiled = new LinkSetCompiler(source.settings(), registry, offerRegistry, nowMs, scratchDir)
                .run(links);
        try {
            source.finish();
        } catch (ConfigException e) {
            compiled.close();
            throw e;
        }
        return compiled;
    }

    private CompiledLinkSet run(Links links) throws ConfigException {
        DomainTable domains = compileDomains();
        PartnerTable partners = compilePartners();
        RoutingCompiler routingCompiler = RoutingCompiler.start(config, offerRegistry, LinkTemplates.INSTANCE,
                partners);
        DiscountTable discounts = compileDiscounts();
        LinkEntries entries = new LinkEntries(scratchDir);
        PendingSlugs newlyPublished = new PendingSlugs(scratchDir);
        List<String> ruleSetSources = new ArrayList<>();
        int[] nextNumber = {registry == null ? 1 : registry.nextLinkNumber()};
        links.forEach(link -> {
            if (!links.refused()) {
                int ruleSets = routingCompiler.ruleSetCount();
                compileLink(link, domains, partners, routingCompiler, newlyPublished, entries, nextNumber);
                if (routingCompiler.ruleSetCount() > ruleSets) {
                    // The first link of each rule set, so a restart can rebuild the rule sets without the links.
                    ruleSetSources.add(links.currentYaml());
                }
            }
        });
        RoutingCompiler.Compiled routing = routingCompiler.finish();
        if (!links.refused()) {
            checkNothingPublishedWasRemoved(links);
        }
        errors.addAll(routing.errors());
        CompiledLinkSet compiled = new CompiledLinkSet(config, domains, partners, entries, newlyPublished,
                routing, discounts, ruleSetSources.contains(null) ? List.of() : List.copyOf(ruleSetSources));
        if (!errors.isEmpty() && !links.refused()) {
            compiled.close();
            throw new ConfigException(errors.list());
        }
        return compiled;
    }

    /**
     * Rebuilds a generation whose link records are already on disk: the settings are compiled as usual and the
     * rule sets from the YAML of each one's first link ({@link CompiledLinkSet#ruleSetSources}); the links
     * themselves are not read. Null when that YAML no longer compiles to the same rule-set numbers (the settings
     * it refers to changed): then the links must be compiled again.
     */
    public static CompiledLinkSet compileKnown(ConfigSource source, List<String> ruleSetSources,
                                               OfferRegistry offerRegistry, Path scratchDir) {
        Config settings = source.settings();
        LinkSetCompiler compiler = new LinkSetCompiler(settings, null, offerRegistry, 0, scratchDir);
        DomainTable domains = compiler.compileDomains();
        PartnerTable partners = compiler.compilePartners();
        RoutingCompiler routing = RoutingCompiler.start(settings, offerRegistry, LinkTemplates.INSTANCE, partners);
        DiscountTable discounts = compiler.compileDiscounts();
        for (int i = 0; i < ruleSetSources.size(); i++) {
            LinkConfig link = source.readLink(ruleSetSources.get(i), "(rule set " + (i + 1) + " of the link table)");
            if (link == null || routing.ruleSetOf(link) != i + 1) {
                return null;
            }
        }
        RoutingCompiler.Compiled compiled = routing.finish();
        if (!compiler.errors.isEmpty() || !compiled.errors().isEmpty() || source.hasErrors()) {
            return null;
        }
        return new CompiledLinkSet(settings, domains, partners, new LinkEntries(scratchDir),
                new PendingSlugs(scratchDir), compiled, discounts, List.copyOf(ruleSetSources));
    }

    /**
     * A fingerprint of everything in the settings that a link record or a link's checks depend on: domain and
     * partner numbering, discounts, pools. Link records compiled under one fingerprint hold under another config
     * with the same fingerprint.
     */
    public static String linkContext(Config settings) {
        StringBuilder text = new StringBuilder("record-format ").append(LinkRecordFormat.VERSION).append('\n');
        text.append("default ").append(settings.server().defaultDomain()).append('\n');
        for (DomainConfig domain : settings.domains()) {
            text.append("domain ").append(domain.host()).append(' ').append(domain.aliases()).append('\n');
        }
        for (PartnerConfig partner : settings.partners()) {
            text.append("partner ").append(partner.id()).append(' ').append(partner.group()).append('\n');
        }
        for (DiscountConfig discount : settings.discounts()) {
            text.append("discount ").append(discount.id()).append(' ').append(discount.store()).append(' ')
                    .append(discount.landing()).append('\n');
        }
        for (io.smartlinkd.config.PoolConfig pool : settings.pools()) {
            text.append("pool ").append(pool.id()).append('\n');
        }
        for (io.smartlinkd.config.OfferConfig offer : settings.offers()) {
            text.append("offer ").append(offer.id()).append('\n');
        }
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private DiscountTable compileDiscounts() {
        List<Discount> discounts = new ArrayList<>();
        for (DiscountConfig discount : config.discounts()) {
            byte[] location;
            try {
                location = TemplateCompiler.compileDiscountLocation(discount.location()).program();
            } catch (TemplateException e) {
                errors.add(new ConfigError(discount.at(), "location: " + e.getMessage()));
                continue;
            }
            byte[] whenEmpty = discount.whenEmpty() == null ? null
                    : plain(discount.whenEmpty(), discount.at(), "when_empty");
            discounts.add(new Discount(discounts.size() + 1, discount, location, whenEmpty));
        }
        return new DiscountTable(discounts);
    }

    private DomainTable compileDomains() {
        List<Domain> domains = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        for (DomainConfig domainConfig : config.domains()) {
            int number = domains.size() + 1;
            byte[] notFound = domainConfig.notFoundUrl() == null
                    ? null : plain(domainConfig.notFoundUrl(), domainConfig.at(), "not_found");
            domains.add(Domain.of(number, domainConfig.host(), notFound));
            names.put(domainConfig.host(), number);
            for (String alias : domainConfig.aliases()) {
                names.put(alias, number);
            }
        }
        Domain fallback = null;
        String defaultDomain = config.server().defaultDomain();
        if (defaultDomain != null && names.containsKey(defaultDomain)) {
            fallback = domains.get(names.get(defaultDomain) - 1);
        }
        return new DomainTable(domains, names, fallback);
    }

    private PartnerTable compilePartners() {
        List<String> groups = new ArrayList<>();
        for (PartnerConfig partner : config.partners()) {
            if (partner.group() != null && !groups.contains(partner.group())) {
                groups.add(partner.group());
            }
        }
        List<Partner> partners = new ArrayList<>();
        for (PartnerConfig partner : config.partners()) {
            byte[][] utmPairs = new byte[UtmKey.all().length][];
            for (Map.Entry<String, String> utm : partner.utm().entrySet()) {
                UtmKey key = UtmKey.byKey(utm.getKey());
                if (key == null) {
                    errors.add(new ConfigError(partner.at(), "unknown UTM key '" + utm.getKey() + "'"));
                    continue;
                }
                utmPairs[key.ordinal()] = (key.parameter() + "=" + encode(utm.getValue()))
                        .getBytes(StandardCharsets.US_ASCII);
            }
            int groupNumber = partner.group() == null ? 0 : groups.indexOf(partner.group()) + 1;
            partners.add(Partner.of(partners.size() + 1, partner.id(), groupNumber, partner.group(), utmPairs));
        }
        return new PartnerTable(partners, groups);
    }

    private void compileLink(LinkConfig link, DomainTable domains, PartnerTable partners,
                             RoutingCompiler routing, PendingSlugs newlyPublished, LinkEntries entries,
                             int[] nextNumber) {
        Domain domain = domains.byHost(link.domain());
        if (domain == null) {
            errors.add(new ConfigError(link.at(), "domain '" + link.domain() + "' is not configured"));
            return;
        }
        PublishedSlug published = registry == null ? null : registry.find(domain.host(), link.slug());
        if (published != null && !published.linkId().equals(link.id())) {
            errors.add(new ConfigError(link.at(), "slug '" + link.slug() + "' on " + domain.host()
                    + " was published for link '" + published.linkId() + "' (" + published.file()
                    + "); a published slug cannot be given to another link: deactivate it and use a new slug"));
            return;
        }
        int linkNumber;
        if (published != null) {
            linkNumber = published.linkNumber();
        } else {
            linkNumber = nextNumber[0]++;
            if (registry != null) {
                newlyPublished.add(SlugRegistry.key(domain.host(), link.slug()),
                        new PublishedSlug(link.id(), linkNumber, nowMs, link.at().file()));
            }
        }
        byte[] record = compileLink(link, linkNumber, routing.ruleSetOf(link), partners);
        if (record != null) {
            entries.add(LinkTable.key(domain.number(), link.slug()), record);
        }
    }

    private byte[] compileLink(LinkConfig link, int linkNumber, int ruleSet, PartnerTable partners) {
        Map<UtmKey, String> utm = new java.util.EnumMap<>(UtmKey.class);
        for (Map.Entry<String, String> entry : link.utm().entrySet()) {
            UtmKey key = UtmKey.byKey(entry.getKey());
            if (key == null) {
                errors.add(new ConfigError(link.at(), "unknown UTM key '" + entry.getKey() + "'"));
                return null;
            }
            utm.put(key, entry.getValue());
        }
        byte[] destination;
        try {
            destination = TemplateCompiler.compileDestination(link.destination(), utm).program();
        } catch (TemplateException e) {
            errors.add(new ConfigError(link.destinationAt(), "destination: " + e.getMessage()));
            return null;
        }
        byte[] fallback = link.fallback() == null ? null : plain(link.fallback(), link.at(), "fallback");
        byte[] rejectionUrl = link.rejection().kind() == Rejection.Kind.URL
                ? plain(link.rejection().url(), link.at(), "reject") : null;
        int[] partnerNumbers = new int[0];
        int[] groupNumbers = new int[0];
        if (link.access() == Access.PRIVATE) {
            partnerNumbers = link.partners().stream().mapToInt(id -> numberOf(partners, id)).filter(n -> n > 0)
                    .toArray();
            groupNumbers = link.partnerGroups().stream().mapToInt(partners::groupNumber).filter(n -> n > 0)
                    .toArray();
        }
        return LinkRecordWriter.write(link.active(), link.access() == Access.PRIVATE, link.redirectStatus(),
                link.rejection().kind(), linkNumber, ruleSet, DiscountTable.numberOf(config, link.discount()),
                link.id(), destination, fallback, rejectionUrl,
                partnerNumbers, groupNumbers);
    }

    private void checkNothingPublishedWasRemoved(Links links) {
        if (registry == null) {
            return;
        }
        registry.forEach((key, published) -> {
            int slash = key.indexOf('/');
            if (!links.serves(key.substring(0, slash), key.substring(slash + 1))) {
                errors.add(new ConfigError(SourceLocation.of(published.file()), "published slug '" + key
                        + "' (link '" + published.linkId() + "') is missing; a published slug can be deactivated"
                        + " with active: false but not removed"));
            }
        });
    }

    private static int numberOf(PartnerTable partners, String id) {
        Partner partner = partners.find(id, 0, id.length());
        return partner == null ? 0 : partner.number();
    }

    private byte[] plain(String url, SourceLocation at, String what) {
        try {
            return TemplateCompiler.compilePlain(url).program();
        } catch (TemplateException e) {
            errors.add(new ConfigError(at, what + ": " + e.getMessage()));
            return null;
        }
    }

    private static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (PercentEncoder.isUnreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(String.format("%02X", b & 0xFF));
            }
        }
        return out.toString();
    }
}

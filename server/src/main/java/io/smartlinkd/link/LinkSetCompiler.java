package io.smartlinkd.link;

import io.smartlinkd.config.Access;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigError;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.DiscountConfig;
import io.smartlinkd.config.DomainConfig;
import io.smartlinkd.discount.Discount;
import io.smartlinkd.discount.DiscountTable;
import io.smartlinkd.config.LinkConfig;
import io.smartlinkd.config.PartnerConfig;
import io.smartlinkd.config.Rejection;
import io.smartlinkd.config.SourceLocation;
import io.smartlinkd.routing.OfferRegistry;
import io.smartlinkd.routing.RoutingCompiler;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compiles a validated {@link Config} into domain and partner tables, the routing table and link records, and
 * checks it against the published-slug registry. Errors are collected and reported together, pointing at the YAML.
 */
public final class LinkSetCompiler {
    private final Config config;
    private final SlugRegistry registry;
    private final OfferRegistry offerRegistry;
    private final long nowMs;
    private final List<ConfigError> errors = new ArrayList<>();

    private LinkSetCompiler(Config config, SlugRegistry registry, OfferRegistry offerRegistry, long nowMs) {
        this.config = config;
        this.registry = registry;
        this.offerRegistry = offerRegistry;
        this.nowMs = nowMs;
    }

    /**
     * @param registry published slugs to respect, or null to compile without that check (offline {@code check}
     *                 without a data dir); offers are numbered afresh
     */
    public static CompiledLinkSet compile(Config config, SlugRegistry registry, long nowMs) throws ConfigException {
        return compile(config, registry, null, nowMs);
    }

    /**
     * @param registry      published slugs to respect, or null (see above)
     * @param offerRegistry offer numbers to keep, or null to number offers afresh
     */
    public static CompiledLinkSet compile(Config config, SlugRegistry registry, OfferRegistry offerRegistry,
                                          long nowMs) throws ConfigException {
        return new LinkSetCompiler(config, registry, offerRegistry, nowMs).run();
    }

    private CompiledLinkSet run() throws ConfigException {
        DomainTable domains = compileDomains();
        PartnerTable partners = compilePartners();
        RoutingCompiler.Compiled routing = RoutingCompiler.compile(config, offerRegistry, LinkTemplates.INSTANCE,
                partners);
        errors.addAll(routing.errors());
        Map<String, PublishedSlug> newlyPublished = new LinkedHashMap<>();
        DiscountTable discounts = compileDiscounts();
        List<LinkTable.Entry> entries = compileLinks(domains, partners, routing, newlyPublished);
        checkNothingPublishedWasRemoved();
        if (!errors.isEmpty()) {
            throw new ConfigException(errors);
        }
        return new CompiledLinkSet(config, domains, partners, entries, newlyPublished, routing, discounts);
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

    private List<LinkTable.Entry> compileLinks(DomainTable domains, PartnerTable partners,
                                               RoutingCompiler.Compiled routing,
                                               Map<String, PublishedSlug> newlyPublished) {
        List<LinkTable.Entry> entries = new ArrayList<>(config.links().size());
        int nextNumber = registry == null ? 1 : registry.nextLinkNumber();
        for (LinkConfig link : config.links()) {
            Domain domain = domains.byHost(link.domain());
            if (domain == null) {
                errors.add(new ConfigError(link.at(), "domain '" + link.domain() + "' is not configured"));
                continue;
            }
            PublishedSlug published = registry == null ? null : registry.find(domain.host(), link.slug());
            if (published != null && !published.linkId().equals(link.id())) {
                errors.add(new ConfigError(link.at(), "slug '" + link.slug() + "' on " + domain.host()
                        + " was published for link '" + published.linkId() + "' (" + published.file()
                        + "); a published slug cannot be given to another link: deactivate it and use a new slug"));
                continue;
            }
            int linkNumber;
            if (published != null) {
                linkNumber = published.linkNumber();
            } else {
                linkNumber = nextNumber++;
                newlyPublished.put(SlugRegistry.key(domain.host(), link.slug()),
                        new PublishedSlug(link.id(), linkNumber, nowMs, link.at().file()));
            }
            byte[] record = compileLink(link, linkNumber, routing.ruleSetOf(link.id()), partners);
            if (record != null) {
                entries.add(new LinkTable.Entry(LinkTable.key(domain.number(), link.slug()), record));
            }
        }
        return entries;
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

    private void checkNothingPublishedWasRemoved() {
        if (registry == null) {
            return;
        }
        Set<String> present = new HashSet<>();
        for (LinkConfig link : config.links()) {
            present.add(SlugRegistry.key(link.domain(), link.slug()));
        }
        for (Map.Entry<String, PublishedSlug> entry : registry.all().entrySet()) {
            if (!present.contains(entry.getKey())) {
                PublishedSlug published = entry.getValue();
                errors.add(new ConfigError(SourceLocation.of(published.file()), "published slug '" + entry.getKey()
                        + "' (link '" + published.linkId() + "') is missing; a published slug can be deactivated"
                        + " with active: false but not removed"));
            }
        }
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

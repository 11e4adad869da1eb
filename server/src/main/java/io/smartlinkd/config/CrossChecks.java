package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The checks that need every file read: unique hosts, partner ids, link ids and slugs; links pointing at configured
 * domains and partners; the default domain. Turns the draft into the {@link Config} without its links, then checks
 * links one at a time as they are streamed ({@link #checkLink}), so no list of every link is ever needed. The first
 * occurrence (in file order) of a name wins; later ones are reported and name the first.
 */
final class CrossChecks {
    private static final int MAX_LISTED_DOMAINS = 10;

    private final Errors errors;
    /** Hosts and aliases: one namespace, since a Host header must select one domain. */
    private final Map<String, SourceLocation> hostsAt = new HashMap<>();
    private final Set<String> domainHosts = new HashSet<>();
    /** Alias to the host of its domain. */
    private final Map<String, String> aliasOf = new HashMap<>();
    private final Map<String, SourceLocation> partnersAt = new HashMap<>();
    private final Set<String> partnerGroups = new HashSet<>();
    // When an entry could not be read (its error is reported), a reference to it would be a misleading second error.
    private boolean someDomainUnread;
    private boolean somePartnerUnread;
    private boolean someDiscountUnread;
    private final NameClaims names;
    private List<DomainConfig> domains;
    private List<DiscountConfig> discounts;
    private RoutingChecks routing;
    private Config config;

    private CrossChecks(Errors errors, NameClaims names) {
        this.errors = errors;
        this.names = names;
    }

    /** Resolves everything but the links; then {@link #checkLink} each link. */
    static CrossChecks resolve(ConfigDraft draft, Errors errors, NameClaims names) {
        CrossChecks checks = new CrossChecks(errors, names);
        checks.resolve(draft);
        return checks;
    }

    /** The config without links. */
    Config config() {
        return config;
    }

    private void resolve(ConfigDraft draft) {
        domains = domains(draft.domains);
        List<PartnerConfig> partners = partners(draft.partners);
        discounts = discounts(draft.discounts);
        routing = RoutingChecks.resolve(draft, errors);
        ServerConfig server = draft.server == null ? ServerConfig.defaults() : draft.server.config();
        if (draft.server != null && server.defaultDomain() != null && !domainHosts.contains(server.defaultDomain())
                && !someDomainUnread) {
            errors.add(draft.server.defaultDomainAt(), "default_domain " + unknownDomain(server.defaultDomain(), domains));
        }
        config = new Config(server, domains, partners, List.of(), routing.offers(), routing.pools(),
                BotsConfig.DEFAULTS, discounts);
    }

    /** Whether a link checked so far serves {@code slug} on {@code host}. */
    boolean serves(String host, String slug) {
        return names.isClaimed(slugName(host, slug));
    }

    // A NUL cannot occur in a host, slug or id, so these names cannot collide.
    private static String slugName(String host, String slug) {
        return "s\0" + host + '\0' + slug;
    }

    private static String idName(String id) {
        return "i\0" + id;
    }

    private List<DomainConfig> domains(List<ConfigDraft.Domain> drafts) {
        List<DomainConfig> domains = new ArrayList<>();
        for (ConfigDraft.Domain draft : drafts) {
            DomainConfig domain = draft.config();
            someDomainUnread |= domain.host() == null;
            if (domain.host() != null && claim(domain.host(), draft.hostAt(), "host")) {
                domains.add(domain);
                domainHosts.add(domain.host());
            }
            for (Located<String> alias : draft.aliases()) {
                if (claim(alias.value(), alias.at(), "alias") && domain.host() != null) {
                    aliasOf.put(alias.value(), domain.host());
                }
            }
        }
        return List.copyOf(domains);
    }

    private boolean claim(String name, SourceLocation at, String what) {
        SourceLocation first = hostsAt.putIfAbsent(name, at);
        if (first == null) {
            return true;
        }
        errors.add(at, what + " " + Messages.quote(name) + " is already configured at " + first);
        return false;
    }

    private List<PartnerConfig> partners(List<ConfigDraft.Partner> drafts) {
        List<PartnerConfig> partners = new ArrayList<>();
        for (ConfigDraft.Partner draft : drafts) {
            PartnerConfig partner = draft.config();
            if (partner.id() == null) {
                somePartnerUnread = true;
                continue;
            }
            SourceLocation first = partnersAt.putIfAbsent(partner.id(), draft.idAt());
            if (first != null) {
                errors.add(draft.idAt(), "partner " + Messages.quote(partner.id()) + " is already defined at " + first);
                continue;
            }
            partners.add(partner);
            if (partner.group() != null) {
                partnerGroups.add(partner.group());
            }
        }
        return List.copyOf(partners);
    }

    private List<DiscountConfig> discounts(List<ConfigDraft.Discount> drafts) {
        Map<String, SourceLocation> idsAt = new HashMap<>();
        List<DiscountConfig> discounts = new ArrayList<>();
        for (ConfigDraft.Discount draft : drafts) {
            DiscountConfig discount = draft.config();
            if (discount.id() == null) {
                someDiscountUnread = true;
                continue;
            }
            SourceLocation first = idsAt.putIfAbsent(discount.id(), draft.idAt());
            if (first != null) {
                errors.add(draft.idAt(), "discount id " + Messages.quote(discount.id()) + " is already used at "
                        + first);
                continue;
            }
            discounts.add(discount);
        }
        return List.copyOf(discounts);
    }

    /**
     * A link's or rule's discount must exist, and its clicks must land on that discount's store (the coded redirect
     * keeps only the destination's path and query). A link with a discount and no destination lands on the
     * discount's landing page. Returns the destination to use.
     */
    private String checkDiscount(String discountId, String destination, SourceLocation at,
                                 List<DiscountConfig> discounts) {
        if (discountId == null || discountId.equals(DiscountConfig.PENDING)) {
            return destination;
        }
        DiscountConfig discount = null;
        for (DiscountConfig candidate : discounts) {
            if (candidate.id().equals(discountId)) {
                discount = candidate;
            }
        }
        if (discount == null) {
            if (!someDiscountUnread) {
                errors.add(at, "unknown discount " + Messages.quote(discountId) + " (or TBD while the code is not"
                        + " set)");
            }
            return destination;
        }
        if (destination == null) {
            return discount.store() == null ? null : discount.landingUrl();
        }
        String host = UrlCheck.host(destination);
        if (discount.store() != null && !discount.store().equals(host)) {
            errors.add(at, "destination is on " + Messages.quote(host) + " but discount " + Messages.quote(discountId)
                    + " is for the store " + discount.store() + "; a coded click lands on the store");
        }
        return destination;
    }

    /**
     * Checks one link against the rest of the config and the links before it; returns it with its domain and
     * destination resolved, or null when it cannot be served (reported).
     */
    LinkConfig checkLink(ConfigDraft.Link draft) {
        return checkLink(draft, true);
    }

    /** @param claimNames false to check a link read again, whose id and slug are claimed already */
    LinkConfig checkLink(ConfigDraft.Link draft, boolean claimNames) {
        LinkConfig link = draft.link();
        String domain = domainOf(draft, domains);
        checkAccessLists(draft);
        routing.ruleRefs(draft.ruleRefs(), partnersAt.keySet(), partnerGroups, somePartnerUnread);
        if (link.id() != null && claimNames) {
            SourceLocation first = names.claim(idName(link.id()), draft.idAt());
            if (first != null) {
                errors.add(draft.idAt(), "link id " + Messages.quote(link.id()) + " is already used at " + first
                        + (draft.idDefaulted() ? " (the id defaults to the slug; give this link an id)" : ""));
            }
        }
        if (link.slug() != null && domain != null && claimNames) {
            SourceLocation first = names.claim(slugName(domain, link.slug()), draft.slugAt());
            if (first != null) {
                errors.add(draft.slugAt(), "slug " + Messages.quote(link.slug()) + " is already used on " + domain
                        + " at " + first);
            }
        }
        String destination = checkDiscount(link.discount(), link.destination(),
                link.destination() == null ? link.at() : link.destinationAt(), discounts);
        if (destination == null && link.discount() != null) {
            if (link.discount().equals(DiscountConfig.PENDING)) {
                errors.add(link.at(), "a link with discount: TBD needs a destination (where its clicks go until"
                        + " the code is set)");
            }
            return null;
        }
        for (RuleConfig rule : link.routing().rules()) {
            if (rule.discount() != null && rule.destination() != null) {
                checkDiscount(rule.discount(), rule.destination(), rule.destinationAt(), discounts);
            }
        }
        return withDomain(link, domain, destination);
    }

    /** The link's domain, defaulted when exactly one is configured; null when missing or unknown (reported). */
    private String domainOf(ConfigDraft.Link draft, List<DomainConfig> domains) {
        String domain = draft.link().domain();
        if (someDomainUnread) {
            return domainHosts.contains(domain) ? domain : null;
        }
        if (domain == null) {
            if (domains.size() == 1) {
                return domains.get(0).host();
            }
            errors.add(draft.link().at(), "missing required key 'domain' in link ("
                    + (domains.isEmpty() ? "no domains are configured" : "there are several domains") + ")");
            return null;
        }
        if (!domainHosts.contains(domain)) {
            errors.add(draft.domainAt(), "domain " + unknownDomain(domain, domains));
            return null;
        }
        return domain;
    }

    private String unknownDomain(String name, List<DomainConfig> domains) {
        String host = aliasOf.get(name);
        if (host != null) {
            return Messages.quote(name) + " is an alias of " + host + "; use the host";
        }
        if (domains.isEmpty()) {
            return Messages.quote(name) + " is not a configured domain (no domains are configured)";
        }
        List<String> hosts = new ArrayList<>();
        for (DomainConfig domain : domains.subList(0, Math.min(domains.size(), MAX_LISTED_DOMAINS))) {
            hosts.add(domain.host());
        }
        return Messages.quote(name) + " is not a configured domain (configured: " + Messages.list(hosts)
                + (domains.size() > MAX_LISTED_DOMAINS ? ", ..." : "") + ")";
    }

    private void checkAccessLists(ConfigDraft.Link draft) {
        if (somePartnerUnread) {
            return;
        }
        for (Located<String> partner : draft.partners()) {
            if (!partnersAt.containsKey(partner.value())) {
                errors.add(partner.at(), "unknown partner " + Messages.quote(partner.value()));
            }
        }
        for (Located<String> group : draft.partnerGroups()) {
            if (!partnerGroups.contains(group.value())) {
                errors.add(group.at(), "unknown partner group " + Messages.quote(group.value()) + " (no partner has it)");
            }
        }
    }

    private static LinkConfig withDomain(LinkConfig link, String domain, String destination) {
        return new LinkConfig(link.id(), link.slug(), domain, link.name(), link.description(), destination,
                link.destinationAt(), link.utm(), link.access(), link.partners(), link.partnerGroups(),
                link.redirectStatus(), link.active(), link.fallback(), link.rejection(), link.routing(),
                link.discount(), link.at());
    }
}

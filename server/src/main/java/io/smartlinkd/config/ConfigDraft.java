package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Everything read from all files, before the checks that need the whole picture (uniqueness, references). Each entry
 * keeps the positions those checks point at. Values may be null where reading already reported an error.
 */
final class ConfigDraft {
    /** The server section and where it is; {@code defaultDomainAt} is null when not given. */
    record Server(ServerConfig config, SourceLocation keyAt, SourceLocation defaultDomainAt) {
    }

    record Domain(DomainConfig config, SourceLocation hostAt, List<Located<String>> aliases) {
    }

    record Partner(PartnerConfig config, SourceLocation idAt) {
    }

    /**
     * @param link          domain is null when not written (filled in if exactly one domain exists)
     * @param idDefaulted   the id was not written and is the slug
     */
    record Link(LinkConfig link, SourceLocation slugAt, SourceLocation idAt, boolean idDefaulted,
                SourceLocation domainAt, List<Located<String>> partners, List<Located<String>> partnerGroups,
                RuleRefs ruleRefs) {
    }

    /** What a link's rules refer to: pools, and partners and groups in their conditions. */
    record RuleRefs(List<Located<String>> pools, List<Located<String>> partners,
                    List<Located<String>> partnerGroups) {
    }

    record Offer(OfferConfig config, SourceLocation idAt) {
    }

    record Discount(DiscountConfig config, SourceLocation idAt) {
    }

    /** @param fallback null when the pool has none */
    record Pool(PoolConfig config, SourceLocation idAt, List<Located<String>> offers, Located<String> fallback) {
    }

    Server server;
    final List<Domain> domains = new ArrayList<>();
    final List<Partner> partners = new ArrayList<>();
    final List<Offer> offers = new ArrayList<>();
    final List<Pool> pools = new ArrayList<>();
    final List<Discount> discounts = new ArrayList<>();
}

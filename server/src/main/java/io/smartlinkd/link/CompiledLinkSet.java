package io.smartlinkd.link;

import io.smartlinkd.config.Config;
import io.smartlinkd.routing.RoutingCompiler;

/**
 * A validated config compiled to its fast form, before its link table is written. A config streamed from its YAML
 * keeps no links ({@link Config#links()} is empty): a link is its record, and explain reads that. Parsed links
 * were most of the server's live heap (a million small objects for 10,000 links with six rules), marked again on
 * every collection on the cores that serve clicks.
 *
 * @param newlyPublished slugs this config serves for the first time, to record once it is live
 * @param routing        rules, offers and pools; its new offer numbers are recorded before the config goes live
 * @param ruleSetSources the YAML of the first link of each rule set, in rule-set order (empty when unknown), from
 *                       which a restart rebuilds the rule sets without reading the links
 */
public record CompiledLinkSet(
        Config config,
        DomainTable domains,
        PartnerTable partners,
        LinkEntries entries,
        PendingSlugs newlyPublished,
        RoutingCompiler.Compiled routing,
        io.smartlinkd.discount.DiscountTable discounts,
        java.util.List<String> ruleSetSources) implements AutoCloseable {
    /** Deletes the spilled records and slugs. */
    @Override
    public void close() {
        entries.close();
        newlyPublished.close();
    }
}

package io.smartlinkd.link;

import io.smartlinkd.config.Config;
import io.smartlinkd.routing.RoutingCompiler;

/**
 * A validated config compiled to its fast form, before its link table is written. {@link Config#links()} is
 * empty when the config has more than {@link LinkSetCompiler#RETAINED_LINKS} links.
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

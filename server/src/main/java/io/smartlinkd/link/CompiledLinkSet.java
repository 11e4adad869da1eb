package io.smartlinkd.link;

import io.smartlinkd.config.Config;
import io.smartlinkd.routing.RoutingCompiler;
import java.util.List;
import java.util.Map;

/**
 * A validated config compiled to its fast form, before its link table is written.
 *
 * @param newlyPublished slugs this config serves for the first time, to record once it is live
 * @param routing        rules, offers and pools; its new offer numbers are recorded before the config goes live
 */
public record CompiledLinkSet(
        Config config,
        DomainTable domains,
        PartnerTable partners,
        List<LinkTable.Entry> entries,
        Map<String, PublishedSlug> newlyPublished,
        RoutingCompiler.Compiled routing,
        io.smartlinkd.discount.DiscountTable discounts) {
}

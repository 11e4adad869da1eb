package io.smartlinkd.link;

import io.smartlinkd.config.Config;
import io.smartlinkd.discount.DiscountTable;
import io.smartlinkd.routing.Router;

/**
 * One immutable config generation as the hot path reads it: domains, partners and routing in memory, links
 * off-heap. Requests read the current LinkSet once and use only it, so each sees exactly one version; a link
 * record's rule-set number indexes this generation's {@link #router()}.
 */
public record LinkSet(Config config, DomainTable domains, PartnerTable partners, LinkTable links, Router router,
                      long generation, DiscountTable discounts) {
    /** A generation without discounts. */
    public LinkSet(Config config, DomainTable domains, PartnerTable partners, LinkTable links, Router router,
                   long generation) {
        this(config, domains, partners, links, router, generation, DiscountTable.EMPTY);
    }
}

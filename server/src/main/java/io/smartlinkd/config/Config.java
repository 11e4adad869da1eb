package io.smartlinkd.config;

import java.util.List;

/**
 * A whole config directory, parsed and validated; immutable.
 */
public record Config(ServerConfig server, List<DomainConfig> domains, List<PartnerConfig> partners, List<LinkConfig> links,
                     List<OfferConfig> offers, List<PoolConfig> pools, BotsConfig bots, List<DiscountConfig> discounts) {
    /** A config without {@code bots.yaml}. */
    public Config(ServerConfig server, List<DomainConfig> domains, List<PartnerConfig> partners, List<LinkConfig> links,
                  List<OfferConfig> offers, List<PoolConfig> pools) {
        this(server, domains, partners, links, offers, pools, BotsConfig.DEFAULTS, List.of());
    }

    /** The discount with this id, or null. */
    public DiscountConfig discount(String id) {
        for (DiscountConfig discount : discounts) {
            if (discount.id().equals(id)) {
                return discount;
            }
        }
        return null;
    }

    /** The same config with these links. */
    public Config withLinks(List<LinkConfig> newLinks) {
        return new Config(server, domains, partners, List.copyOf(newLinks), offers, pools, bots, discounts);
    }

    Config withBots(BotsConfig newBots) {
        return new Config(server, domains, partners, links, offers, pools, newBots, discounts);
    }
}

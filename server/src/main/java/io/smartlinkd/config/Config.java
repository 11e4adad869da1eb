package io.smartlinkd.config;

import java.util.List;

/**
 * A whole config directory, parsed and validated; immutable.
 */
public record Config(ServerConfig server, List<DomainConfig> domains, List<PartnerConfig> partners, List<LinkConfig> links,
                     List<OfferConfig> offers, List<PoolConfig> pools, BotsConfig bots) {
    /** A config without {@code bots.yaml}. */
    public Config(ServerConfig server, List<DomainConfig> domains, List<PartnerConfig> partners, List<LinkConfig> links,
                  List<OfferConfig> offers, List<PoolConfig> pools) {
        this(server, domains, partners, links, offers, pools, BotsConfig.DEFAULTS);
    }

    Config withBots(BotsConfig newBots) {
        return new Config(server, domains, partners, links, offers, pools, newBots);
    }
}

package io.smartlinkd.config;

import java.util.List;

/**
 * A whole config directory, parsed and validated; immutable.
 */
public record Config(ServerConfig server, List<DomainConfig> domains, List<PartnerConfig> partners, List<LinkConfig> links,
                     BotsConfig bots) {
    /** A config without {@code bots.yaml}. */
    public Config(ServerConfig server, List<DomainConfig> domains, List<PartnerConfig> partners, List<LinkConfig> links) {
        this(server, domains, partners, links, BotsConfig.DEFAULTS);
    }

    Config withBots(BotsConfig newBots) {
        return new Config(server, domains, partners, links, newBots);
    }
}

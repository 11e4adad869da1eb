package io.smartlinkd.config;

import java.util.List;

/**
 * A whole config directory, parsed and validated; immutable.
 */
public record Config(ServerConfig server, List<DomainConfig> domains, List<PartnerConfig> partners, List<LinkConfig> links,
                     List<OfferConfig> offers, List<PoolConfig> pools) {
}

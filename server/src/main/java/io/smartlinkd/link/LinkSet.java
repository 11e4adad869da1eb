package io.smartlinkd.link;

import io.smartlinkd.config.Config;

/**
 * One immutable config generation as the hot path reads it: domains and partners in memory, links off-heap.
 * Requests read the current LinkSet once and use only it, so each sees exactly one version.
 */
public record LinkSet(Config config, DomainTable domains, PartnerTable partners, LinkTable links, long generation) {
}

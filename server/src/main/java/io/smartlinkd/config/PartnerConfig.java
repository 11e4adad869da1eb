package io.smartlinkd.config;

import java.util.Map;

/**
 * A partner (influencer, affiliate, publisher) who appears in link paths as {@code /{slug}/{id}}.
 *
 * @param group partner group or program; null if none
 * @param utm   UTM defaults for this partner's clicks, keyed without the {@code utm_} prefix
 */
public record PartnerConfig(String id, String name, String group, Map<String, String> utm, SourceLocation at) {
}

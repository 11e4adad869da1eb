package io.smartlinkd.config;

import java.util.List;

/** Reads one item of {@code partners:}. */
final class PartnerReader {
    static final List<String> KEYS = List.of("id", "name", "group", "utm");

    private PartnerReader() {
    }

    static ConfigDraft.Partner read(YamlValue item) {
        YamlMap partner = item.map("in partner", KEYS);
        String id = Identifiers.checked(partner.get("id"), partner.requiredString("id"));
        String name = partner.optionalString("name");
        String group = Identifiers.checked(partner.get("group"), partner.optionalString("group"));
        PartnerConfig config = new PartnerConfig(id, name != null ? name : id, group, UtmKeys.read(partner.get("utm")),
                partner.at());
        return new ConfigDraft.Partner(config, partner.get("id").at());
    }
}

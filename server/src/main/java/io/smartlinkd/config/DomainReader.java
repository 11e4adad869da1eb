package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.List;

/** Reads one item of {@code domains:}. */
final class DomainReader {
    static final List<String> KEYS = List.of("host", "aliases", "not_found");

    private DomainReader() {
    }

    static ConfigDraft.Domain read(YamlValue item) {
        YamlMap domain = item.map("in domain", KEYS);
        String host = hostName(domain.get("host"), domain.requiredString("host"));
        List<Located<String>> aliases = new ArrayList<>();
        List<String> aliasNames = new ArrayList<>();
        YamlValue aliasList = domain.get("aliases");
        for (Located<String> alias : aliasList.strings()) {
            String problem = HostNames.problem("alias", alias.value());
            if (problem != null) {
                aliasList.file().error(alias.at(), problem);
            } else {
                aliases.add(alias);
                aliasNames.add(alias.value());
            }
        }
        String notFound = Urls.optional(domain, "not_found");
        DomainConfig config = new DomainConfig(host, List.copyOf(aliasNames), notFound, domain.at());
        return new ConfigDraft.Domain(config, domain.get("host").at(), List.copyOf(aliases));
    }

    private static String hostName(YamlValue value, String host) {
        if (host == null) {
            return null;
        }
        String problem = HostNames.problem("host", host);
        if (problem != null) {
            value.error(problem);
            return null;
        }
        return host;
    }
}

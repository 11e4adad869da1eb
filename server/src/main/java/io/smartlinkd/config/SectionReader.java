package io.smartlinkd.config;

import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads the sections of one file into the draft; any file may hold any sections. */
final class SectionReader {
    static final List<String> SECTIONS = List.of("server", "domains", "partners", "links");

    private SectionReader() {
    }

    static void read(Node root, YamlFile file, ConfigDraft draft) {
        if (root.getTag().equals(Tag.NULL)) {
            return;
        }
        if (!(root instanceof MappingNode) || !root.getTag().equals(Tag.MAP)) {
            file.error(root, "a config file must be a mapping of sections (" + Messages.list(SECTIONS) + "), got "
                    + YamlValue.describe(root));
            return;
        }
        YamlMap sections = YamlValue.of(file, "file", root).map("at the top level", SECTIONS);
        if (sections.has("server")) {
            readServer(sections, draft);
        }
        for (YamlValue item : sections.get("domains").list()) {
            draft.domains.add(DomainReader.read(item));
        }
        for (YamlValue item : sections.get("partners").list()) {
            draft.partners.add(PartnerReader.read(item));
        }
        for (YamlValue item : sections.get("links").list()) {
            draft.links.add(LinkReader.read(item));
        }
    }

    private static void readServer(YamlMap sections, ConfigDraft draft) {
        ConfigDraft.Server server = ServerReader.read(sections.get("server"), sections.keyAt("server"));
        if (draft.server != null) {
            sections.get("server").file().error(server.keyAt(),
                    "server is already configured at " + draft.server.keyAt() + " (only one file may hold it)");
            return;
        }
        draft.server = server;
    }
}

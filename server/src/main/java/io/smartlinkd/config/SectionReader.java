package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads the sections of one file, except its links, into the draft; any file may hold any sections. */
final class SectionReader {
    static final List<String> SECTIONS = List.of("server", "domains", "partners", "links", "offers", "pools", "discounts");

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
        for (YamlValue item : entries(sections, "domains")) {
            draft.domains.add(DomainReader.read(item));
        }
        for (YamlValue item : entries(sections, "partners")) {
            draft.partners.add(PartnerReader.read(item));
        }
        // Link items are streamed past this tree (LinkItemsComposer); only the list's shape is checked here.
        sections.get("links").list();
        for (YamlValue item : entries(sections, "offers")) {
            draft.offers.add(OfferReader.read(item));
        }
        for (YamlValue item : entries(sections, "pools")) {
            draft.pools.add(PoolReader.read(item));
        }
        for (YamlValue item : entries(sections, "discounts")) {
            draft.discounts.add(DiscountReader.read(item));
        }
    }

    /** The items of a section list that are mappings; others are reported and skipped. */
    private static List<YamlValue> entries(YamlMap sections, String section) {
        List<YamlValue> entries = new ArrayList<>();
        for (YamlValue item : sections.get(section).list()) {
            if (item.expectMapping()) {
                entries.add(item);
            }
        }
        return entries;
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

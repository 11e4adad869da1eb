package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A mapping whose keys were checked against the schema when it was wrapped: duplicate keys, keys that are not plain
 * strings and unknown keys (usually typos) are reported then, so section readers only ask for what they know.
 *
 * <p>Merge keys ({@code <<: *defaults}) are applied here: keys written in the mapping win over merged ones.
 */
final class YamlMap {
    private static final int MAX_MERGE_DEPTH = 10;

    private final YamlFile file;
    private final String where;
    private final SourceLocation at;
    private final Map<String, NodeTuple> entries;

    private YamlMap(YamlFile file, String where, SourceLocation at, Map<String, NodeTuple> entries) {
        this.file = file;
        this.where = where;
        this.at = at;
        this.entries = entries;
    }

    static YamlMap empty(YamlFile file, String where, SourceLocation at) {
        return new YamlMap(file, where, at, Map.of());
    }

    /**
     * @param where how errors name the mapping: {@code "in link"}, {@code "at the top level"}
     * @param allowedKeys null when any key is allowed (a mapping of names the admin chooses)
     * @param node  null for an absent or empty mapping
     */
    static YamlMap of(YamlFile file, String where, List<String> allowedKeys, MappingNode node, SourceLocation at) {
        if (node == null) {
            return empty(file, where, at);
        }
        Map<String, NodeTuple> entries = new LinkedHashMap<>();
        List<Node> merges = new ArrayList<>();
        for (NodeTuple tuple : node.getValue()) {
            Node keyNode = tuple.getKeyNode();
            if (keyNode.getTag().equals(Tag.MERGE)) {
                merges.add(tuple.getValueNode());
                continue;
            }
            String key = keyText(file, keyNode);
            if (key == null) {
                continue;
            }
            NodeTuple first = entries.putIfAbsent(key, tuple);
            if (first != null) {
                file.error(keyNode, "duplicate key " + Messages.quote(key) + " (first on line "
                        + (first.getKeyNode().getStartMark().getLine() + 1) + ")");
            }
        }
        Set<Node> merged = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Node source : merges) {
            merge(file, source, entries, merged, 0);
        }
        for (Map.Entry<String, NodeTuple> entry : entries.entrySet()) {
            if (allowedKeys != null && !allowedKeys.contains(entry.getKey())) {
                file.error(entry.getValue().getKeyNode(), "unknown key " + Messages.quote(entry.getKey()) + " " + where
                        + " (allowed: " + Messages.list(allowedKeys) + ")");
            }
        }
        return new YamlMap(file, where, at, entries);
    }

    /** Adds the keys of a merged mapping (or list of mappings) that are not already there. */
    private static void merge(YamlFile file, Node source, Map<String, NodeTuple> entries, Set<Node> merged, int depth) {
        if (source instanceof SequenceNode) {
            for (Node item : ((SequenceNode) source).getValue()) {
                mergeMapping(file, item, entries, merged, depth);
            }
        } else {
            mergeMapping(file, source, entries, merged, depth);
        }
    }

    private static void mergeMapping(YamlFile file, Node source, Map<String, NodeTuple> entries, Set<Node> merged,
                                     int depth) {
        if (!(source instanceof MappingNode)) {
            file.error(source, "<<: expected a mapping or a list of mappings, got " + YamlValue.describe(source));
            return;
        }
        if (depth > MAX_MERGE_DEPTH || !merged.add(source)) {
            return;
        }
        for (NodeTuple tuple : ((MappingNode) source).getValue()) {
            if (tuple.getKeyNode().getTag().equals(Tag.MERGE)) {
                merge(file, tuple.getValueNode(), entries, merged, depth + 1);
            } else {
                String key = keyText(file, tuple.getKeyNode());
                if (key != null) {
                    entries.putIfAbsent(key, tuple);
                }
            }
        }
    }

    private static String keyText(YamlFile file, Node keyNode) {
        if (!(keyNode instanceof ScalarNode)) {
            file.error(keyNode, "keys must be plain strings, got " + YamlValue.describe(keyNode));
            return null;
        }
        return ((ScalarNode) keyNode).getValue();
    }

    /** Where the mapping starts; missing keys are reported here. */
    SourceLocation at() {
        return at;
    }

    /** The keys in the order written, merged keys last. */
    Set<String> keys() {
        return Collections.unmodifiableSet(entries.keySet());
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    /** Where the key itself is written. */
    SourceLocation keyAt(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? at : file.at(tuple.getKeyNode());
    }

    YamlValue get(String key) {
        NodeTuple tuple = entries.get(key);
        return tuple == null ? YamlValue.absent(file, key, at) : YamlValue.of(file, key, tuple.getValueNode());
    }

    /** The value's text; reports a missing key at the mapping and an empty value at the value. */
    String requiredString(String key) {
        if (!has(key)) {
            file.error(at, "missing required key " + Messages.quote(key) + " " + where);
            return null;
        }
        YamlValue value = get(key);
        String text = value.string();
        if (text == null || text.isEmpty()) {
            if (text != null || !value.isPresent()) {
                value.error(key + " must not be empty");
            }
            return null;
        }
        return text;
    }

    /** The value's text; null when absent, null or empty (so {@code ${VAR:-}} means "not set"). */
    String optionalString(String key) {
        String text = get(key).string();
        return text == null || text.isEmpty() ? null : text;
    }
}

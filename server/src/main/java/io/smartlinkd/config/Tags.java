package io.smartlinkd.config;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Refuses explicit tags that are not standard YAML ({@code !foo}, {@code !<tag:example.com:x>}). SnakeYAML already
 * refuses unknown {@code !!} tags while composing; this catches local and foreign ones, which it lets through.
 */
final class Tags {
    private static final String YAML_PREFIX = "tag:yaml.org,2002:";

    private Tags() {
    }

    /** Visits each node once, so aliases cost nothing extra and recursive structures terminate. */
    static void check(Node root, YamlFile file) {
        Set<Node> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<Node> pending = new ArrayDeque<>();
        pending.push(root);
        while (!pending.isEmpty()) {
            Node node = pending.pop();
            if (!seen.add(node)) {
                continue;
            }
            if (!Tag.standardTags.contains(node.getTag())) {
                file.error(node, unsupported(node.getTag().getValue()));
            }
            if (node instanceof MappingNode) {
                for (NodeTuple tuple : ((MappingNode) node).getValue()) {
                    pending.push(tuple.getValueNode());
                    pending.push(tuple.getKeyNode());
                }
            } else if (node instanceof SequenceNode) {
                for (Node item : ((SequenceNode) node).getValue()) {
                    pending.push(item);
                }
            }
        }
    }

    static String unsupported(String tag) {
        return "unsupported tag " + display(tag) + " (only standard YAML tags are allowed)";
    }

    static String display(Tag tag) {
        return display(tag.getValue());
    }

    /** The short form as written: {@code !!str}, {@code !foo}. */
    static String display(String tag) {
        return tag.startsWith(YAML_PREFIX) ? "!!" + tag.substring(YAML_PREFIX.length()) : tag;
    }
}

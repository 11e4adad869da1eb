package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.events.CollectionEndEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.Event;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.SequenceStartEvent;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.parser.Parser;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Composes a config file without ever holding its {@code links:} list: each item of the top-level {@code links}
 * sequence goes to a {@link LinkItems} as soon as it is composed (or is skipped unseen), and the tree keeps an empty
 * list in its place. A file of a million links then costs the memory of one link, not of a million node trees.
 *
 * <p>Skipping still parses every event, so errors in the links are found in both modes; anchors inside skipped
 * items are composed so that a later alias to them still resolves.
 */
final class LinkItemsComposer extends Composer {
    private static final String LINKS = "links";
    private static final String SEQUENCE_TAG = Tag.SEQ.getValue();

    /** Where the link items go. */
    interface LinkItems {
        /** Skips every item; only the count is kept. */
        LinkItems SKIP = new LinkItems() {
            @Override
            public boolean wantsItems() {
                return false;
            }

            @Override
            public void item(Node item) {
                throw new IllegalStateException("skipping");
            }
        };

        /** True to receive each composed item; false to skip items (they are counted). */
        boolean wantsItems();

        void item(Node item);
    }

    private final LinkItems links;
    private int depth;
    private long itemCount;

    LinkItemsComposer(Parser parser, LoaderOptions options, LinkItems links) {
        super(parser, new Resolver(), options);
        this.links = links;
    }

    /** Link items seen in this file, skipped or delivered. */
    long itemCount() {
        return itemCount;
    }

    @Override
    protected Node composeMappingNode(String anchor) {
        depth++;
        try {
            return super.composeMappingNode(anchor);
        } finally {
            depth--;
        }
    }

    @Override
    protected Node composeSequenceNode(String anchor) {
        depth++;
        try {
            return super.composeSequenceNode(anchor);
        } finally {
            depth--;
        }
    }

    @Override
    protected void composeMappingChildren(List<NodeTuple> children, MappingNode node) {
        Node key = composeKeyNode(node);
        if (depth != 1 || !isLinksKey(key)) {
            children.add(new NodeTuple(key, composeValueNode(node)));
            return;
        }
        Event next = parser.peekEvent();
        if (next instanceof SequenceStartEvent start && start.getAnchor() == null
                && (start.getTag() == null || SEQUENCE_TAG.equals(start.getTag()))) {
            children.add(new NodeTuple(key, streamItems(node)));
            return;
        }
        // An anchored or oddly tagged list is composed whole (it may be aliased); its items still go out one by one.
        Node value = composeValueNode(node);
        if (value instanceof SequenceNode sequence && value.getTag().equals(Tag.SEQ)) {
            for (Node item : sequence.getValue()) {
                itemCount++;
                if (links.wantsItems()) {
                    links.item(item);
                }
            }
            value = emptyList(value);
        }
        children.add(new NodeTuple(key, value));
    }

    private Node streamItems(MappingNode parent) {
        Event start = parser.getEvent();
        while (!parser.checkEvent(Event.ID.SequenceEnd)) {
            itemCount++;
            if (links.wantsItems()) {
                links.item(composeValueNode(parent));
            } else {
                skipItem(parent);
            }
        }
        Event end = parser.getEvent();
        return new SequenceNode(Tag.SEQ, true, new ArrayList<>(), start.getStartMark(), end.getEndMark(),
                ((CollectionStartEvent) start).getFlowStyle());
    }

    /** Consumes one node's events; iterative, so deep nesting cannot exhaust the stack. */
    private void skipItem(MappingNode parent) {
        int open = 0;
        do {
            Event event = parser.peekEvent();
            if (event instanceof NodeEvent nodeEvent && nodeEvent.getAnchor() != null) {
                composeValueNode(parent);
                continue;
            }
            parser.getEvent();
            if (event instanceof CollectionStartEvent) {
                open++;
            } else if (event instanceof CollectionEndEvent) {
                open--;
            }
        } while (open > 0);
    }

    private static boolean isLinksKey(Node key) {
        return key instanceof ScalarNode scalar && key.getTag().equals(Tag.STR) && LINKS.equals(scalar.getValue());
    }

    private static Node emptyList(Node value) {
        SequenceNode sequence = (SequenceNode) value;
        return new SequenceNode(Tag.SEQ, true, new ArrayList<>(), value.getStartMark(), value.getEndMark(),
                sequence.getFlowStyle());
    }
}

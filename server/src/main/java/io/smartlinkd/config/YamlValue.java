package io.smartlinkd.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * A value in a config file (or the absence of one), read as the type the schema expects.
 *
 * <p>A value of the wrong type is reported at its position and read as absent or as the caller's fallback, so reading
 * goes on and finds the next error too; the config is refused anyway. Scalars are read as text after {@code ${ENV}}
 * expansion, whatever YAML resolved them to, so {@code node_id: ${NODE_ID}} works and {@code slug: 2026} is a slug.
 */
final class YamlValue {
    private static final Pattern INTEGER = Pattern.compile("[-+]?[0-9][0-9_]*");

    private final YamlFile file;
    private final String name;
    private final Node node;
    private final SourceLocation at;

    private YamlValue(YamlFile file, String name, Node node, SourceLocation at) {
        this.file = file;
        this.name = name;
        this.node = node;
        this.at = at;
    }

    static YamlValue of(YamlFile file, String name, Node node) {
        return new YamlValue(file, name, node, file.at(node));
    }

    /** A key that is not there; {@code at} is the mapping that lacks it. */
    static YamlValue absent(YamlFile file, String name, SourceLocation at) {
        return new YamlValue(file, name, null, at);
    }

    /** The same value, named differently in errors (e.g. {@code utm.source} rather than {@code source}). */
    YamlValue renamed(String newName) {
        return new YamlValue(file, newName, node, at);
    }

    String name() {
        return name;
    }

    SourceLocation at() {
        return at;
    }

    YamlFile file() {
        return file;
    }

    /** Written and not YAML null ({@code key:}, {@code ~}, {@code null}). */
    boolean isPresent() {
        return node != null && !node.getTag().equals(Tag.NULL);
    }

    void error(String message) {
        file.error(at, message);
    }

    /** The expanded text, or null when absent, null or not a scalar (reported). */
    String string() {
        return scalarText("a string");
    }

    /** The integer, or null when absent or not an integer (reported). */
    BigInteger integer() {
        String text = scalarText("an integer");
        if (text == null) {
            return null;
        }
        String trimmed = text.trim();
        if (!INTEGER.matcher(trimmed).matches()) {
            error(name + ": expected an integer, got " + Messages.quote(text));
            return null;
        }
        return new BigInteger(trimmed.replace("_", "").replace("+", ""));
    }

    int integer(int min, int max, int fallback) {
        BigInteger value = integer();
        if (value == null) {
            return fallback;
        }
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            error(name + " must be between " + min + " and " + max + " (got " + value + ")");
            return fallback;
        }
        return value.intValue();
    }

    boolean bool(boolean fallback) {
        String text = scalarText("true or false");
        if (text == null) {
            return fallback;
        }
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true": case "yes": case "on":
                return true;
            case "false": case "no": case "off":
                return false;
            default:
                error(name + ": expected true or false, got " + Messages.quote(text));
                return fallback;
        }
    }

    long durationMs(long minMs, long maxMs, long fallbackMs) {
        String text = scalarText("a duration such as 500ms, 10s or 2m");
        if (text == null) {
            return fallbackMs;
        }
        long ms = Durations.parseMs(text);
        if (ms == Durations.INVALID) {
            error(name + ": expected a duration such as 500ms, 10s or 2m, got " + Messages.quote(text));
            return fallbackMs;
        }
        if (ms < minMs || ms > maxMs) {
            error(name + " must be between " + Durations.format(minMs) + " and " + Durations.format(maxMs)
                    + " (got " + text.trim() + ")");
            return fallbackMs;
        }
        return ms;
    }

    /** Absent, null or a list: no type error to report about it. */
    boolean isListOrAbsent() {
        return !isPresent() || (node instanceof SequenceNode && node.getTag().equals(Tag.SEQ));
    }

    /** The items, named like this value; empty when absent, null or not a list (reported). */
    List<YamlValue> list() {
        if (!isPresent()) {
            return List.of();
        }
        if (!(node instanceof SequenceNode) || !node.getTag().equals(Tag.SEQ)) {
            error(name + ": expected a list, got " + describe(node));
            return List.of();
        }
        List<YamlValue> items = new ArrayList<>();
        for (Node item : ((SequenceNode) node).getValue()) {
            items.add(of(file, name, item));
        }
        return items;
    }

    /** The non-null string items with their positions. */
    List<Located<String>> strings() {
        List<Located<String>> strings = new ArrayList<>();
        for (YamlValue item : list()) {
            String text = item.string();
            if (text != null) {
                strings.add(new Located<>(text, item.at()));
            }
        }
        return strings;
    }

    /** True for a mapping; otherwise reports "expected a mapping" (a list item that is not an entry is skipped). */
    boolean expectMapping() {
        if (node instanceof MappingNode && node.getTag().equals(Tag.MAP)) {
            return true;
        }
        error(name + ": expected a mapping, got " + describe(node));
        return false;
    }

    /**
     * This value as a mapping restricted to {@code allowedKeys}; empty when absent or null, and when not a mapping
     * (reported).
     *
     * @param where how errors name the mapping, e.g. {@code "in link"}
     */
    YamlMap map(String where, List<String> allowedKeys) {
        if (isPresent() && !(node instanceof MappingNode && node.getTag().equals(Tag.MAP))) {
            error(name + ": expected a mapping, got " + describe(node));
            return YamlMap.empty(file, where, at);
        }
        return YamlMap.of(file, where, allowedKeys, isPresent() ? (MappingNode) node : null, at);
    }

    /** This value as a mapping whose keys the admin chooses (such as query parameter names). */
    YamlMap mapOfAnyKeys(String where) {
        return map(where, null);
    }

    /** Absent, null or a scalar. */
    boolean isScalarOrAbsent() {
        return !isPresent() || node instanceof ScalarNode;
    }

    private String scalarText(String expected) {
        if (!isPresent()) {
            return null;
        }
        if (!(node instanceof ScalarNode) || node.getTag().equals(Tag.BINARY)) {
            error(name + ": expected " + expected + ", got " + describe(node));
            return null;
        }
        try {
            return file.env().expand(((ScalarNode) node).getValue());
        } catch (IllegalArgumentException e) {
            error(e.getMessage());
            return null;
        }
    }

    /** How a node reads in "expected …, got …". */
    static String describe(Node node) {
        if (node instanceof MappingNode) {
            return node.getTag().equals(Tag.MAP) ? "a mapping" : "a mapping tagged " + Tags.display(node.getTag());
        }
        if (node instanceof SequenceNode) {
            return node.getTag().equals(Tag.SEQ) ? "a list" : "a list tagged " + Tags.display(node.getTag());
        }
        if (node.getTag().equals(Tag.NULL)) {
            return "nothing";
        }
        if (node.getTag().equals(Tag.BINARY)) {
            return "binary data";
        }
        return Messages.quote(((ScalarNode) node).getValue());
    }
}

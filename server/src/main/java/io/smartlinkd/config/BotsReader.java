package io.smartlinkd.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads {@code bots.yaml} (or {@code bots.yml}) at the top of the config directory: its own schema, not sections.
 * The crawler list file is checked for being readable here; its content is read and compiled by the user-agent
 * classifier, which reports errors in it with the file's own line and column. One load owns one instance.
 */
final class BotsReader {
    static final List<String> FILE_NAMES = List.of("bots.yaml", "bots.yml");
    static final List<String> KEYS = List.of("user_agents", "crawler_list", "user_agent_cache");

    private static final int MIN_SUBSTRING_CHARS = 3;
    private static final int MAX_SUBSTRING_CHARS = 200;
    private static final int MAX_SUBSTRINGS = 10_000;
    private static final int MIN_CACHE = 64;
    private static final int MAX_CACHE = 1 << 24;

    private BotsConfig config = BotsConfig.DEFAULTS;
    private String readFrom;

    static boolean isBotsFile(String name) {
        return FILE_NAMES.contains(name);
    }

    /** The settings read, or the defaults without a bots file. */
    BotsConfig config() {
        return config;
    }

    void read(Node root, YamlFile file) {
        if (readFrom != null) {
            file.error(root, "bot settings are already in " + readFrom + " (keep one of the two files)");
            return;
        }
        readFrom = file.name();
        config = parse(root, file);
    }

    private static BotsConfig parse(Node root, YamlFile file) {
        if (root.getTag().equals(Tag.NULL)) {
            return BotsConfig.DEFAULTS;
        }
        if (!(root instanceof MappingNode) || !root.getTag().equals(Tag.MAP)) {
            file.error(root, "a bots file must be a mapping (" + Messages.list(KEYS) + "), got "
                    + YamlValue.describe(root));
            return BotsConfig.DEFAULTS;
        }
        YamlMap bots = YamlValue.of(file, "file", root).map("in " + file.name(), KEYS);
        YamlValue cacheValue = bots.get("user_agent_cache");
        int cache = cacheValue.integer(MIN_CACHE, MAX_CACHE, BotsConfig.DEFAULT_USER_AGENT_CACHE);
        if (Integer.bitCount(cache) != 1) {
            cacheValue.error("user_agent_cache must be a power of two (got " + cache + ")");
        }
        YamlValue crawlerList = bots.get("crawler_list");
        return new BotsConfig(substrings(bots.get("user_agents")), crawlerList(crawlerList), crawlerList.at(), cache);
    }

    private static List<String> substrings(YamlValue value) {
        List<Located<String>> items = value.strings();
        if (items.size() > MAX_SUBSTRINGS) {
            value.error("user_agents: at most " + MAX_SUBSTRINGS + " entries (got " + items.size() + ")");
            return List.of();
        }
        List<String> substrings = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (Located<String> item : items) {
            String text = item.value().trim();
            String problem = substringProblem(text);
            if (problem != null) {
                value.file().error(item.at(), "user_agents: " + problem + " (got " + Messages.quote(item.value()) + ")");
            } else if (!seen.contains(text.toLowerCase(Locale.ROOT))) {
                seen.add(text.toLowerCase(Locale.ROOT));
                substrings.add(text);
            }
        }
        return substrings;
    }

    /** Short substrings would flag real browsers ("Mo" is in every Mozilla); user agents are ASCII. */
    private static String substringProblem(String text) {
        if (text.length() < MIN_SUBSTRING_CHARS || text.length() > MAX_SUBSTRING_CHARS) {
            return "a substring must have " + MIN_SUBSTRING_CHARS + " to " + MAX_SUBSTRING_CHARS + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < ' ' || c > '~') {
                return "a substring must be printable ASCII";
            }
        }
        return null;
    }

    /** The file, resolved against the config directory; null when not given or not readable (reported). */
    private static Path crawlerList(YamlValue value) {
        String text = value.string();
        if (text == null || text.isBlank()) {
            return null;
        }
        Path path;
        try {
            path = value.file().configDir().resolve(text.trim()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            value.error("crawler_list: invalid path " + Messages.quote(text));
            return null;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            value.error("crawler_list: cannot read " + Messages.quote(text)
                    + (Files.exists(path) ? " (not a readable file)" : " (no such file)"));
            return null;
        }
        return path;
    }
}

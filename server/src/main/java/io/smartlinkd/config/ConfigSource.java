package io.smartlinkd.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.yaml.snakeyaml.nodes.Node;

/**
 * A config directory opened for reading without holding its links: everything but the links is read and checked
 * when it is opened ({@link #settings}); the links are then read again file by file and handed out one at a time,
 * checked, by {@link #forEachLink}. Memory stays that of the settings and one link, whatever the number of links;
 * the names links claim (ids, slugs) go off-heap past {@link NameClaims#OFF_HEAP_ABOVE} links.
 *
 * <p>Errors from both passes are collected; {@link #finish} refuses the config with all of them. One reload owns
 * one source; close it to free the name claims.
 */
public final class ConfigSource implements AutoCloseable {
    /**
     * A file that holds links.
     *
     * @param links     how many link items it holds
     * @param stamp     its size, time and identity when it was opened; null when they could not be read
     * @param linksOnly it holds nothing but links
     * @param read      false when it was not read because its links are known ({@link ConfigLoader.KnownLinkFiles})
     */
    public record LinkFile(String name, Path path, long links, FileStamp stamp, boolean linksOnly, boolean read) {
    }

    private final Path dir;
    private final EnvExpander expander;
    private final Errors errors;
    private final List<String> fileOrder;
    private final List<LinkFile> linkFiles;
    private final CrossChecks checks;
    private final NameClaims names;
    private final Config settings;
    private boolean linksRead;
    private Node currentLink;

    ConfigSource(Path dir, EnvExpander expander, Errors errors, List<String> fileOrder, List<LinkFile> linkFiles,
                 CrossChecks checks, NameClaims names, Config settings) {
        this.dir = dir;
        this.expander = expander;
        this.errors = errors;
        this.fileOrder = fileOrder;
        this.linkFiles = linkFiles;
        this.checks = checks;
        this.names = names;
        this.settings = settings;
    }

    /** Everything but the links: {@link Config#links()} is empty. */
    public Config settings() {
        return settings;
    }

    /** Link items written in the files (some may be refused). */
    public long linkCount() {
        long count = 0;
        for (LinkFile file : linkFiles) {
            count += file.links();
        }
        return count;
    }

    /** The files that hold links, in reading order. */
    public List<LinkFile> linkFiles() {
        return linkFiles;
    }

    /** Whether some link files were not read because their links are known; then links cannot be streamed. */
    public boolean skippedLinkFiles() {
        return linkFiles.stream().anyMatch(file -> !file.read());
    }

    /** The environment variables the links looked up, sorted. */
    public Set<String> linkEnvNames() {
        return expander.recorded();
    }

    /** Whether any error has been found so far; links handed out after an error are for checking only. */
    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    /**
     * Reads the links, in file order, and hands each checked link to {@code each}. Blocking file I/O, once per
     * source.
     */
    public void forEachLink(Consumer<LinkConfig> each) {
        if (linksRead || skippedLinkFiles()) {
            throw new IllegalStateException("links are read once per source, and only when every file is read");
        }
        linksRead = true;
        for (LinkFile linkFile : linkFiles) {
            YamlFile file = new YamlFile(linkFile.name(), dir, expander, errors);
            YamlComposer.compose(linkFile.path(), file, new LinkItemsComposer.LinkItems() {
                @Override
                public boolean wantsItems() {
                    return true;
                }

                @Override
                public void item(Node node) {
                    Tags.check(node, file);
                    YamlValue item = YamlValue.of(file, "links", node);
                    if (!item.expectMapping()) {
                        return;
                    }
                    LinkConfig link = checks.checkLink(LinkReader.read(item));
                    if (link != null) {
                        currentLink = node;
                        each.accept(link);
                        currentLink = null;
                    }
                }
            });
        }
    }

    /**
     * The YAML of the link being handed to {@link #forEachLink}'s consumer, as a document of its own (positions and
     * comments are not kept); for a consumer that must be able to read that one link again without its file.
     */
    public String currentLinkYaml() {
        if (currentLink == null) {
            throw new IllegalStateException("only while a link is handed out");
        }
        return YamlComposer.toYaml(currentLink);
    }

    /**
     * Reads and checks one link from YAML made by {@link #currentLinkYaml}, against this config; null when it has
     * errors (kept, see {@link #finish}). Its id and slug are not claimed: it is a link read before.
     *
     * @param origin what errors name as its file
     */
    public LinkConfig readLink(String yaml, String origin) {
        YamlFile file = new YamlFile(origin, dir, expander, errors);
        Node node = YamlComposer.composeText(yaml, file);
        if (node == null) {
            return null;
        }
        Tags.check(node, file);
        YamlValue item = YamlValue.of(file, "links", node);
        if (!item.expectMapping()) {
            return null;
        }
        boolean hadErrors = hasErrors();
        LinkConfig link = checks.checkLink(LinkReader.read(item), false);
        return hasErrors() && !hadErrors ? null : link;
    }

    /** Whether a link read so far serves {@code slug} on {@code host}. */
    public boolean serves(String host, String slug) {
        return checks.serves(host, slug);
    }

    /** Refuses the config with every error of both passes, if any. */
    public void finish() throws ConfigException {
        if (!errors.isEmpty()) {
            throw new ConfigException(errors.inFileOrder(fileOrder));
        }
    }

    /** Reads every link into the config: for small configs, tests and tools. */
    public Config readAll() throws ConfigException {
        List<LinkConfig> links = new ArrayList<>();
        forEachLink(links::add);
        finish();
        return settings.withLinks(links);
    }

    @Override
    public void close() {
        names.close();
    }
}

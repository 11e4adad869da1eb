package io.smartlinkd.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * Loads a config directory into an immutable {@link Config}, or refuses it whole with every error found.
 *
 * <p>Reads every {@code *.yaml}/{@code *.yml} file under the directory (recursively, in order of relative path);
 * each is a mapping of sections ({@code server}, {@code domains}, {@code partners}, {@code links}, {@code offers},
 * {@code pools}), lists from several
 * files are concatenated. {@code ${NAME}} and {@code ${NAME:-default}} in values come from the environment.
 * {@code bots.yaml} at the top of the directory has its own schema ({@link BotsConfig}).
 *
 * <p>Links are read in a second pass, one at a time ({@link ConfigSource}), so a config of millions of links never
 * sits in memory whole unless a caller asks for it ({@link #load}).
 *
 * <p>Blocking file I/O: call it from a start-up or reload thread, never an event loop. Stateless and thread-safe.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static Config load(Path dir) throws ConfigException {
        return load(dir, System::getenv);
    }

    /** Reads the whole config, links included, into memory; see {@link #open} for configs of millions of links. */
    public static Config load(Path dir, Function<String, String> env) throws ConfigException {
        try (ConfigSource source = open(dir, env)) {
            return source.readAll();
        }
    }

    public static ConfigSource open(Path dir) {
        return open(dir, System::getenv);
    }

    /**
     * Reads and checks everything but the links, which the returned source streams; errors are kept for
     * {@link ConfigSource#finish}.
     *
     * @param env looks up {@code ${NAME}}; null means unset
     */
    public static ConfigSource open(Path dir, Function<String, String> env) {
        return open(dir, env, KnownLinkFiles.NONE);
    }

    private static boolean hasOnlyLinks(Node root) {
        return root instanceof MappingNode mapping && mapping.getValue().size() == 1
                && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key && "links".equals(key.getValue());
    }

    /**
     * Link files whose compiled links are known already (e.g. in a link table on disk), so reading can skip them.
     */
    public interface KnownLinkFiles {
        KnownLinkFiles NONE = (name, stamp) -> -1;

        /**
         * @return how many links the file holds if it holds nothing else and is known in exactly this state, so it
         *         need not be read; -1 to read it
         */
        long linksIfKnown(String name, FileStamp stamp);
    }

    /** As {@link #open(Path, Function)}, not reading the files {@code known} vouches for. */
    public static ConfigSource open(Path dir, Function<String, String> env, KnownLinkFiles known) {
        Errors errors = new Errors();
        List<ConfigFiles.ConfigFile> files = ConfigFiles.list(dir, errors);
        EnvExpander expander = new EnvExpander(env);
        ConfigDraft draft = new ConfigDraft();
        List<String> fileOrder = new ArrayList<>();
        List<ConfigSource.LinkFile> linkFiles = new ArrayList<>();
        BotsReader bots = new BotsReader();
        for (ConfigFiles.ConfigFile configFile : files) {
            fileOrder.add(configFile.name());
            FileStamp stamp = FileStamp.of(configFile.path());
            long knownLinks = stamp == null ? -1 : known.linksIfKnown(configFile.name(), stamp);
            if (knownLinks >= 0) {
                linkFiles.add(new ConfigSource.LinkFile(configFile.name(), configFile.path(), knownLinks, stamp,
                        true, false));
                continue;
            }
            YamlFile file = new YamlFile(configFile.name(), dir, expander, errors);
            YamlComposer.Composed composed = YamlComposer.compose(configFile.path(), file,
                    LinkItemsComposer.LinkItems.SKIP);
            Node root = composed.root();
            if (root != null) {
                Tags.check(root, file);
                if (BotsReader.isBotsFile(configFile.name())) {
                    bots.read(root, file);
                } else {
                    SectionReader.read(root, file, draft);
                    if (composed.linkItems() > 0) {
                        linkFiles.add(new ConfigSource.LinkFile(configFile.name(), configFile.path(),
                                composed.linkItems(), stamp, hasOnlyLinks(root), true));
                    }
                }
            }
        }
        long links = linkFiles.stream().mapToLong(ConfigSource.LinkFile::links).sum();
        NameClaims names = NameClaims.forLinks(2 * links, List.copyOf(fileOrder));
        CrossChecks checks = CrossChecks.resolve(draft, errors, names);
        Config settings = checks.config().withBots(bots.config());
        expander.record();
        return new ConfigSource(dir, expander, errors, List.copyOf(fileOrder), List.copyOf(linkFiles), checks, names,
                settings);
    }
}

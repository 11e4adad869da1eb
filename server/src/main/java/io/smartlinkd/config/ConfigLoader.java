package io.smartlinkd.config;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Loads a config directory into an immutable {@link Config}, or refuses it whole with every error found.
 *
 * <p>Reads every {@code *.yaml}/{@code *.yml} file under the directory (recursively, in order of relative path);
 * each is a mapping of sections ({@code server}, {@code domains}, {@code partners}, {@code links}, {@code offers},
 * {@code pools}), lists from several
 * files are concatenated. {@code ${NAME}} and {@code ${NAME:-default}} in values come from the environment.
 * {@code bots.yaml} at the top of the directory has its own schema ({@link BotsConfig}).
 *
 * <p>Blocking file I/O: call it from a start-up or reload thread, never an event loop. Stateless and thread-safe.
 */
public final class ConfigLoader {
    private ConfigLoader() {
    }

    public static Config load(Path dir) throws ConfigException {
        return load(dir, System::getenv);
    }

    /** @param env looks up {@code ${NAME}}; null means unset */
    public static Config load(Path dir, Function<String, String> env) throws ConfigException {
        Errors errors = new Errors();
        List<ConfigFiles.ConfigFile> files = ConfigFiles.list(dir, errors);
        EnvExpander expander = new EnvExpander(env);
        ConfigDraft draft = new ConfigDraft();
        List<String> fileOrder = new ArrayList<>();
        BotsReader bots = new BotsReader();
        for (ConfigFiles.ConfigFile configFile : files) {
            fileOrder.add(configFile.name());
            YamlFile file = new YamlFile(configFile.name(), dir, expander, errors);
            Node root = YamlComposer.compose(configFile.path(), file);
            if (root != null) {
                Tags.check(root, file);
                if (BotsReader.isBotsFile(configFile.name())) {
                    bots.read(root, file);
                } else {
                    SectionReader.read(root, file, draft);
                }
            }
        }
        Config config = CrossChecks.resolve(draft, errors).withBots(bots.config());
        if (!errors.isEmpty()) {
            throw new ConfigException(errors.inFileOrder(fileOrder));
        }
        return config;
    }
}

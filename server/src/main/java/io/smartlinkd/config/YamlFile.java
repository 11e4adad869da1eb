package io.smartlinkd.config;

import java.nio.file.Path;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.Node;

/**
 * One config file being read: its name as errors show it, the directory relative paths in it resolve against,
 * the environment for {@code ${NAME}}, and where errors go.
 */
final class YamlFile {
    private final String name;
    private final Path configDir;
    private final EnvExpander env;
    private final Errors errors;

    YamlFile(String name, Path configDir, EnvExpander env, Errors errors) {
        this.name = name;
        this.configDir = configDir;
        this.env = env;
        this.errors = errors;
    }

    String name() {
        return name;
    }

    Path configDir() {
        return configDir;
    }

    EnvExpander env() {
        return env;
    }

    SourceLocation at(Node node) {
        return at(node.getStartMark());
    }

    /** SnakeYAML counts from 0; editors count from 1. */
    SourceLocation at(Mark mark) {
        return mark == null ? SourceLocation.of(name) : new SourceLocation(name, mark.getLine() + 1, mark.getColumn() + 1);
    }

    void error(SourceLocation where, String message) {
        errors.add(where, message);
    }

    void error(Node node, String message) {
        errors.add(at(node), message);
    }
}

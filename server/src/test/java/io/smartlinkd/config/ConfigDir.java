package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A config directory written file by file in a test's temporary directory. */
final class ConfigDir {
    private final Path root;
    private Map<String, String> env = Map.of();

    ConfigDir(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    ConfigDir env(Map<String, String> variables) {
        env = variables;
        return this;
    }

    ConfigDir write(String name, String text) {
        return write(name, text.getBytes(StandardCharsets.UTF_8));
    }

    ConfigDir write(String name, byte[] bytes) {
        try {
            Path file = root.resolve(name);
            Files.createDirectories(file.getParent());
            Files.write(file, bytes);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One domain, so links need not name theirs. */
    ConfigDir withDomain() {
        return write("domains.yaml", "domains:\n  - host: go.example.com\n");
    }

    Config load() throws ConfigException {
        return ConfigLoader.load(root, env::get);
    }

    /** The errors of a config that must be refused, formatted as users see them. */
    List<String> errors() {
        ConfigException refused = assertThrows(ConfigException.class, this::load);
        List<String> formatted = new ArrayList<>();
        for (ConfigError error : refused.errors()) {
            formatted.add(error.format());
        }
        return formatted;
    }
}

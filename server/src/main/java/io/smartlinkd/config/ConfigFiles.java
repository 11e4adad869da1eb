package io.smartlinkd.config;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;

/**
 * Finds the YAML files of a config directory, recursively, sorted by relative path so errors come in a stable order.
 * Skips hidden files and directories and editor leftovers. Follows symbolic links, as Kubernetes ConfigMap volumes
 * are made of them (their real files sit in hidden {@code ..data} directories, which are skipped).
 */
final class ConfigFiles {
    /** A YAML file and its path relative to the config directory, with '/' separators, as errors name it. */
    record ConfigFile(Path path, String name) {
    }

    private ConfigFiles() {
    }

    static List<ConfigFile> list(Path dir, Errors errors) {
        SourceLocation dirAt = SourceLocation.of(dir.toString());
        if (!Files.isDirectory(dir)) {
            errors.add(dirAt, Files.exists(dir) ? "not a directory" : "config directory does not exist");
            return List.of();
        }
        List<ConfigFile> files = new ArrayList<>();
        try {
            Files.walkFileTree(dir, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path subdir, BasicFileAttributes attrs) {
                    return subdir.equals(dir) || !isHidden(subdir) ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                    if (attrs.isRegularFile() && isConfigFile(file)) {
                        files.add(new ConfigFile(file, nameOf(dir, file)));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    if (!isHidden(file)) {
                        errors.add(SourceLocation.of(nameOf(dir, file)), "cannot read: " + IoMessages.describe(e));
                    }
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            errors.add(dirAt, "cannot list the config directory: " + IoMessages.describe(e));
        }
        if (files.isEmpty() && errors.isEmpty()) {
            // Most likely the wrong directory; serving an empty config would silently drop every link.
            errors.add(dirAt, "no *.yaml or *.yml files in the config directory");
        }
        files.sort(Comparator.comparing(ConfigFile::name));
        return files;
    }

    private static boolean isHidden(Path path) {
        return path.getFileName().toString().startsWith(".");
    }

    private static boolean isConfigFile(Path file) {
        String name = file.getFileName().toString();
        String lower = name.toLowerCase(Locale.ROOT);
        boolean editorLeftover = name.startsWith(".") || name.startsWith("#") || name.endsWith("~")
                || lower.endsWith(".swp");
        return !editorLeftover && (lower.endsWith(".yaml") || lower.endsWith(".yml"));
    }

    private static String nameOf(Path dir, Path file) {
        StringBuilder name = new StringBuilder();
        for (Path part : dir.relativize(file)) {
            if (name.length() > 0) {
                name.append('/');
            }
            name.append(part);
        }
        return name.toString();
    }
}

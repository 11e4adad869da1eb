package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Collects every {@link ConfigError} found while loading, so one run reports them all.
 * Not thread-safe: one load owns one instance.
 */
final class Errors {
    private final BoundedErrors errors = new BoundedErrors();
    // An aliased node is read once per alias; the same mistake is reported once.
    private final Set<ConfigError> seen = new HashSet<>();

    void add(SourceLocation where, String message) {
        ConfigError error = new ConfigError(where, message);
        if (seen.add(error)) {
            errors.add(error);
        }
    }

    boolean isEmpty() {
        return errors.isEmpty();
    }

    /**
     * The errors sorted by file (in the order given), then line and column. Errors about no file in the
     * list (the directory itself) come first; a last line counts the errors not kept.
     */
    List<ConfigError> inFileOrder(List<String> fileOrder) {
        Comparator<ConfigError> byFile = Comparator.comparingInt(error -> fileOrder.indexOf(error.where().file()));
        return errors.list(byFile
                .thenComparingInt(error -> error.where().line())
                .thenComparingInt(error -> error.where().column()));
    }
}

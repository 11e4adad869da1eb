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
    /** A config of millions of links can have millions of errors; past this many, only the count is kept. */
    static final int MAX_KEPT = 1000;

    private final List<ConfigError> errors = new ArrayList<>();
    private long notKept;
    // An aliased node is read once per alias; the same mistake is reported once.
    private final Set<ConfigError> seen = new HashSet<>();

    void add(SourceLocation where, String message) {
        ConfigError error = new ConfigError(where, message);
        if (errors.size() >= MAX_KEPT) {
            notKept++;
            return;
        }
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
        List<ConfigError> sorted = new ArrayList<>(errors);
        sorted.sort(byFile
                .thenComparingInt(error -> error.where().line())
                .thenComparingInt(error -> error.where().column()));
        if (notKept > 0) {
            ConfigError last = sorted.get(sorted.size() - 1);
            sorted.add(new ConfigError(last.where(), "... and " + notKept + " more errors (only the first "
                    + MAX_KEPT + " are listed)"));
        }
        return sorted;
    }
}

package io.smartlinkd.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Errors found while reading or compiling a config, of which the first {@link #MAX_KEPT} are kept and the rest only
 * counted: a config of millions of links can have millions of errors. Not thread-safe.
 */
public final class BoundedErrors {
    public static final int MAX_KEPT = 1000;

    private final List<ConfigError> kept = new ArrayList<>();
    private long notKept;

    public void add(ConfigError error) {
        if (kept.size() < MAX_KEPT) {
            kept.add(error);
        } else {
            notKept++;
        }
    }

    /** Adds everything {@code other} kept and counted. */
    public void addAll(BoundedErrors other) {
        other.kept.forEach(this::add);
        notKept += other.notKept;
    }

    public boolean isEmpty() {
        return kept.isEmpty();
    }

    /** The errors kept, in the order added, and a last line counting those not kept. */
    public List<ConfigError> list() {
        return list(null);
    }

    /** As {@link #list()}, the kept errors sorted by {@code order}. */
    public List<ConfigError> list(Comparator<ConfigError> order) {
        List<ConfigError> all = new ArrayList<>(kept);
        if (order != null) {
            all.sort(order);
        }
        if (notKept > 0) {
            all.add(new ConfigError(all.get(all.size() - 1).where(), "... and " + notKept
                    + " more errors (only the first " + MAX_KEPT + " are listed)"));
        }
        return all;
    }
}

package io.smartlinkd.agent;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/** Counts agreement, plain and weighted, and keeps the heaviest disagreements to show. */
final class Tally {
    private record Miss(double weight, String expected, String actual, String userAgent) {
    }

    private static final int SHOWN = 15;

    private final String name;
    private final List<Miss> misses = new ArrayList<>();
    private double weight;
    private double agreedWeight;
    private int count;
    private int agreed;

    Tally(String name) {
        this.name = name;
    }

    void add(double itemWeight, int items, String expected, String actual, String userAgent) {
        weight += itemWeight;
        count += items;
        if (expected.equals(actual)) {
            agreedWeight += itemWeight;
            agreed += items;
        } else {
            misses.add(new Miss(itemWeight, expected, actual, userAgent));
        }
    }

    double weighted() {
        return agreedWeight / weight;
    }

    double unweighted() {
        return (double) agreed / count;
    }

    /** Share of the weight (or of the entries) that disagreed. */
    double weightedMisses() {
        return 1 - weighted();
    }

    double unweightedMisses() {
        return 1 - unweighted();
    }

    String report() {
        StringBuilder text = new StringBuilder(String.format(Locale.ROOT,
                "%-58s weighted %8.4f %%   entries %8.4f %%   (%d of %d entries differ)%n", name, 100 * weighted(),
                100 * unweighted(), count - agreed, count));
        misses.sort(Comparator.comparingDouble(Miss::weight).reversed());
        for (Miss miss : misses.subList(0, Math.min(SHOWN, misses.size()))) {
            text.append(String.format(Locale.ROOT, "    %.6f expected %s, got %s: %s%n", miss.weight(),
                    miss.expected(), miss.actual(), miss.userAgent()));
        }
        return text.toString();
    }
}

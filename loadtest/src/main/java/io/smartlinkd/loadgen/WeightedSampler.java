package io.smartlinkd.loadgen;

import java.util.SplittableRandom;

/**
 * Draws indexes {@code 0..n-1} with probability proportional to their weights: one uniform draw, then a binary
 * search over the cumulative distribution computed once. Immutable and thread-safe; a draw allocates nothing.
 */
final class WeightedSampler {
    private final double[] cumulative;

    /** @param weights finite, non-negative, at least one of them positive; not kept */
    WeightedSampler(double[] weights) {
        if (weights.length == 0) {
            throw new IllegalArgumentException("no weights");
        }
        cumulative = new double[weights.length];
        double total = 0;
        for (int i = 0; i < weights.length; i++) {
            if (!(weights[i] >= 0) || Double.isInfinite(weights[i])) {
                throw new IllegalArgumentException("weight " + i + " must be finite and >= 0: " + weights[i]);
            }
            total += weights[i];
            cumulative[i] = total;
        }
        if (!(total > 0)) {
            throw new IllegalArgumentException("the weights sum to " + total);
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
        cumulative[cumulative.length - 1] = 1.0; // rounding must not leave a gap below 1 that no index covers
    }

    int size() {
        return cumulative.length;
    }

    double probability(int i) {
        return i == 0 ? cumulative[0] : cumulative[i] - cumulative[i - 1];
    }

    /** The first index whose cumulative weight exceeds a uniform draw in [0, 1): never one of weight 0. */
    int sample(SplittableRandom random) {
        double r = random.nextDouble();
        int lo = 0;
        int hi = cumulative.length - 1;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] <= r) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}

package io.smartlinkd.loadgen;

import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^s}: rank 0 is the most
 * popular. {@code s = 0} is uniform. Immutable and thread-safe; a draw allocates nothing (see
 * {@link WeightedSampler}).
 */
public final class ZipfSampler {
    private final WeightedSampler ranks;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("Zipf exponent must be finite and >= 0: " + exponent);
        }
        double[] weights = new double[n];
        for (int i = 0; i < n; i++) {
            weights[i] = 1.0 / Math.pow(i + 1, exponent);
        }
        ranks = new WeightedSampler(weights);
    }

    /** The probability of {@code rank}. */
    public double probability(int rank) {
        return ranks.probability(rank);
    }

    public int size() {
        return ranks.size();
    }

    public int sample(SplittableRandom random) {
        return ranks.sample(random);
    }
}

package io.smartlinkd.loadgen;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Draws ranks {@code 0..n-1} with probability proportional to {@code 1 / (rank + 1)^s}: rank 0 is the most
 * popular. {@code s = 0} is uniform. Immutable and thread-safe; a draw allocates nothing (binary search over the
 * cumulative distribution, computed once).
 */
public final class ZipfSampler {
    private final double[] cumulative;

    public ZipfSampler(int n, double exponent) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1: " + n);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent)) {
            throw new IllegalArgumentException("Zipf exponent must be finite and >= 0: " + exponent);
        }
        cumulative = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            total += 1.0 / Math.pow(i + 1, exponent);
            cumulative[i] = total;
        }
        for (int i = 0; i < n; i++) {
            cumulative[i] /= total;
        }
        cumulative[n - 1] = 1.0;
    }

    /** The probability of {@code rank}. */
    public double probability(int rank) {
        return rank == 0 ? cumulative[0] : cumulative[rank] - cumulative[rank - 1];
    }

    public int size() {
        return cumulative.length;
    }

    public int sample(SplittableRandom random) {
        int i = Arrays.binarySearch(cumulative, random.nextDouble());
        return i >= 0 ? i : Math.min(-i - 1, cumulative.length - 1);
    }
}

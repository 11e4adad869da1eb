package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BufferedSecureRandomTest {
    @Test
    void shouldDrawEveryCodeCharacterEquallyOftenAcrossBufferRefills() {
        BufferedSecureRandom random = new BufferedSecureRandom();
        int size = 31;
        int draws = 620_000; // 2.4 MB of ints and longs: hundreds of 8 KiB refills, mixed widths across their edges
        int[] counts = new int[size];
        for (int i = 0; i < draws; i++) {
            counts[random.nextInt(size)]++;
            if (i % 7 == 0) {
                random.nextLong();
            }
        }
        double expected = (double) draws / size;
        for (int value = 0; value < size; value++) {
            // 20,000 expected per value, standard deviation about 140: 5 % is more than 7 sigma.
            assertTrue(Math.abs(counts[value] - expected) < expected * 0.05, "value " + value + ": " + counts[value]);
        }
    }

    @Test
    void shouldCoverEveryValueOfSmallAndLargeBounds() {
        BufferedSecureRandom random = new BufferedSecureRandom();
        for (int bound : new int[] {1, 2, 255, 256, 257, 1000}) {
            boolean[] seen = new boolean[bound];
            for (int i = 0; i < bound * 200; i++) {
                int value = random.nextInt(bound);
                assertTrue(value >= 0 && value < bound, bound + ": " + value);
                seen[value] = true;
            }
            for (int value = 0; value < bound; value++) {
                assertTrue(seen[value], "bound " + bound + " never drew " + value);
            }
        }
    }
}

package io.smartlinkd.visitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class UniqueClickTableTest {
    private static final long T0 = 1_760_000_000_000L;
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    @Test
    void shouldCountTheFirstClickOfAKeyAndRepeatsAsNotUnique() {
        UniqueClickTable table = new UniqueClickTable(1024, 24 * HOUR, T0);
        assertTrue(table.claim(42, T0));
        assertFalse(table.claim(42, T0 + 1));
        assertFalse(table.claim(42, T0 + 23 * HOUR));
        assertTrue(table.claim(43, T0 + 5));
    }

    @Test
    void shouldCountUniqueAgainOnceTheWindowHasPassedAndStartANewWindow() {
        UniqueClickTable table = new UniqueClickTable(1024, 24 * HOUR, T0);
        assertTrue(table.claim(7, T0));
        assertFalse(table.claim(7, T0 + 24 * HOUR - MINUTE));
        assertTrue(table.claim(7, T0 + 24 * HOUR + MINUTE));
        // The window now runs from the second unique click, not from the first.
        assertFalse(table.claim(7, T0 + 47 * HOUR));
        assertTrue(table.claim(7, T0 + 49 * HOUR));
    }

    @Test
    void shouldTreatAClockSteppingBackAsARepeat() {
        UniqueClickTable table = new UniqueClickTable(1024, HOUR, T0);
        assertTrue(table.claim(9, T0 + 10 * HOUR));
        assertFalse(table.claim(9, T0 + 2 * HOUR));
    }

    @Test
    void shouldRoundCapacityToAPowerOfTwoWithinBounds() {
        assertEquals(1024, new UniqueClickTable(1, HOUR, T0).capacity());
        assertEquals(4096, new UniqueClickTable(3000, HOUR, T0).capacity());
        assertEquals(1 << 20, new UniqueClickTable(1 << 20, HOUR, T0).capacity());
    }

    @Test
    void shouldKeepEveryKeyExactlyWhileTheTableIsNotFull() {
        UniqueClickTable table = new UniqueClickTable(1 << 16, HOUR, T0);
        SplittableRandom random = new SplittableRandom(1);
        long[] keys = new long[(1 << 16) / 8]; // buckets of 8 hold 1 on average: none overflows
        for (int i = 0; i < keys.length; i++) {
            keys[i] = random.nextLong();
            assertTrue(table.claim(keys[i], T0));
        }
        for (long key : keys) {
            assertFalse(table.claim(key, T0 + MINUTE));
        }
    }

    @Test
    void shouldEvictTheOldestEntryOfAFullBucketAndCountItUniqueAgain() {
        UniqueClickTable table = new UniqueClickTable(1024, 24 * HOUR, T0);
        // Same bucket (low bits 5), distinct fingerprints (high bits).
        for (long i = 1; i <= 8; i++) {
            assertTrue(table.claim(i << 40 | 5, T0 + i * MINUTE));
        }
        assertTrue(table.claim(9L << 40 | 5, T0 + 10 * MINUTE), "a ninth key takes the oldest slot");
        assertTrue(table.claim(1L << 40 | 5, T0 + 11 * MINUTE), "the evicted key is unique again (over-count)");
        assertFalse(table.claim(8L << 40 | 5, T0 + 12 * MINUTE), "younger entries stay");
    }

    @Test
    void shouldAgreeOnExactlyOneUniquePerKeyUnderConcurrentClicks() throws Exception {
        int threads = 8;
        int keys = 20_000;
        int clicksPerThread = 3 * keys;
        UniqueClickTable table = new UniqueClickTable(1 << 20, HOUR, T0);
        long[] keyHashes = new long[keys];
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < keys; i++) {
            keyHashes[i] = random.nextLong();
        }
        AtomicIntegerArray uniques = new AtomicIntegerArray(keys);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int seed = t;
                done.add(pool.submit(() -> {
                    start.await();
                    SplittableRandom order = new SplittableRandom(seed);
                    for (int i = 0; i < clicksPerThread; i++) {
                        // Threads sweep the keys in the same order, offset a little: many same-key races.
                        int k = (i + order.nextInt(4)) % keys;
                        if (table.claim(keyHashes[k], T0 + i / 1000)) {
                            uniques.incrementAndGet(k);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        int total = 0;
        for (int k = 0; k < keys; k++) {
            total += uniques.get(k);
            assertTrue(uniques.get(k) <= 1, "key " + k + " counted unique " + uniques.get(k) + " times");
        }
        assertEquals(keys, total);
    }
}

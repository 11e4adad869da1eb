package io.smartlinkd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ClassificationCacheTest {
    private static final long MOBILE_SAFARI = Classification.of(Families.DEVICE_MOBILE, OsCodes.IOS,
            BrowserCodes.MOBILE_SAFARI, false, true);

    @Test
    void shouldAnswerWhatWasStoredForTheSameCharsAndMissOtherwise() {
        ClassificationCache cache = new ClassificationCache(1024, 7);
        cache.put(cache.hash(WellKnownAgents.IPHONE_SAFARI), MOBILE_SAFARI);

        assertEquals(MOBILE_SAFARI, cache.get(WellKnownAgents.IPHONE_SAFARI));
        assertEquals(MOBILE_SAFARI, cache.get(new StringBuilder(WellKnownAgents.IPHONE_SAFARI)));
        assertEquals(ClassificationCache.MISSING, cache.get(WellKnownAgents.IPHONE_SAFARI + " "));
        assertEquals(ClassificationCache.MISSING, cache.get(WellKnownAgents.IPAD_SAFARI));
    }

    @Test
    void shouldTellUserAgentsApartThatShareABucketAndReplaceInTurnWhenItIsFull() {
        ClassificationCache cache = new ClassificationCache(64, 7);
        // Same low bits (one bucket), different keys: five entries for four slots.
        long[] hashes = new long[5];
        for (int i = 0; i < hashes.length; i++) {
            hashes[i] = 0x5L | ((long) (i + 1) << 40);
            cache.put(hashes[i], value(i));
        }

        assertEquals(ClassificationCache.MISSING, cache.get(hashes[0]), "the oldest slot went first");
        for (int i = 1; i < hashes.length; i++) {
            assertEquals(value(i), cache.get(hashes[i]));
        }
        assertEquals(4, cache.size());
    }

    @Test
    void shouldNotAnswerForAKeyWhoseWordBelongsToAnotherUserAgent() {
        ClassificationCache cache = new ClassificationCache(64, 7);
        long hash = 0x1234_5678_0000_0003L;
        cache.put(hash, value(1));

        // The same slot key with other upper bits: a reader racing a replacement would see this pairing.
        assertEquals(ClassificationCache.MISSING, cache.get(hash ^ (1L << 40)));
        assertEquals(value(1), cache.get(hash));
    }

    @Test
    void shouldStayWithinItsCapacityWhateverIsStored() {
        ClassificationCache cache = new ClassificationCache(256, 7);
        for (int i = 0; i < 100_000; i++) {
            cache.put(cache.hash("agent " + i), value(i));
        }

        assertEquals(256, cache.size());
        assertEquals(value(99_999), cache.get("agent 99999"));
    }

    @Test
    void shouldMissEverythingAfterClear() {
        ClassificationCache cache = new ClassificationCache(64, 7);
        cache.put(cache.hash("a"), value(1));

        cache.clear();

        assertEquals(ClassificationCache.MISSING, cache.get("a"));
        assertEquals(0, cache.size());
    }

    @Test
    void shouldRefuseProvisionalValuesAndSizesThatAreNotPowersOfTwo() {
        ClassificationCache cache = new ClassificationCache(64, 7);
        assertThrows(IllegalArgumentException.class, () -> cache.put(1, value(1) & ~Classification.FINAL));
        assertThrows(IllegalArgumentException.class, () -> new ClassificationCache(100, 7));
        assertThrows(IllegalArgumentException.class, () -> new ClassificationCache(32, 7));
    }

    @Test
    void shouldGiveConcurrentReadersEitherAMissOrTheRightValueWhileOneWriterReplaces() throws Exception {
        ClassificationCache cache = new ClassificationCache(64, 7); // small, so slots are replaced all the time
        int agents = 1_000;
        List<String> userAgents = new ArrayList<>();
        for (int i = 0; i < agents; i++) {
            userAgents.add("Mozilla/5.0 agent number " + i);
        }
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicReference<String> wrong = new AtomicReference<>();
        AtomicLong hits = new AtomicLong();
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                int i = 0;
                while (running.get()) {
                    int index = i++ % agents;
                    long found = cache.get(userAgents.get(index));
                    if (found != ClassificationCache.MISSING) {
                        hits.incrementAndGet();
                        if (found != value(index)) {
                            wrong.compareAndSet(null, userAgents.get(index) + " read " + found);
                        }
                    }
                }
            });
            reader.start();
            readers.add(reader);
        }
        for (int round = 0; round < 300; round++) {
            for (int i = 0; i < agents; i++) {
                cache.put(cache.hash(userAgents.get(i)), value(i));
            }
        }
        running.set(false);
        for (Thread reader : readers) {
            reader.join();
        }

        assertEquals(null, wrong.get());
        assertTrue(hits.get() > 0, "readers saw some hits");
    }

    /** A distinct final classification per index. */
    private static long value(int index) {
        return Classification.of(1 + index % 4, index % 200, (index / 200) % 200, index % 2 == 0, true);
    }
}

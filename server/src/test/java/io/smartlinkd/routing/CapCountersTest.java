package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The counter file: exact caps under contention, windows rolling over, surviving a reopen. */
@Timeout(60)
class CapCountersTest {
    static final long NONE = Long.MAX_VALUE;
    static final long HOUR = 493_000;
    static final long DAY = HOUR / 24;

    @TempDir
    Path dir;

    @Test
    void shouldGrantExactlyTheCapToManyThreads() throws Exception {
        try (CapCounters caps = CapCounters.open(dir.resolve("counters.bin"))) {
            int wins = race(16, 10_000, () -> caps.tryAcquireClick(7, HOUR, DAY, NONE, NONE, 1000));
            assertEquals(1000, wins);
            assertEquals(1000, caps.count(7, CapCounters.CLICKS, CapCounters.TOTAL, 0));
        }
    }

    @Test
    void shouldUndoEarlierWindowsWhenALaterOneRefusesUnderContention() throws Exception {
        CapCounters caps = CapCounters.inMemory();
        int wins = race(16, 10_000, () -> caps.tryAcquireClick(3, HOUR, DAY, 1000, 700, 5000));
        assertEquals(700, wins);
        assertEquals(700, caps.count(3, CapCounters.CLICKS, CapCounters.HOUR, HOUR));
        assertEquals(700, caps.count(3, CapCounters.CLICKS, CapCounters.DAY, DAY));
        assertEquals(700, caps.count(3, CapCounters.CLICKS, CapCounters.TOTAL, 0));
    }

    @Test
    void shouldKeepCountsAcrossAReopenOfTheFile() throws IOException {
        Path file = dir.resolve("caps").resolve("counters.bin");
        try (CapCounters caps = CapCounters.open(file)) {
            for (int i = 0; i < 5; i++) {
                assertTrue(caps.tryAcquireClick(42, HOUR, DAY, NONE, 8, NONE));
            }
            caps.addConversion(42, HOUR, DAY, 18_000);
        }
        try (CapCounters caps = CapCounters.open(file)) {
            assertEquals(5, caps.count(42, CapCounters.CLICKS, CapCounters.DAY, DAY));
            assertEquals(1, caps.count(42, CapCounters.CONVERSIONS, CapCounters.TOTAL, 0));
            assertEquals(18_000, caps.count(42, CapCounters.PAYOUT, CapCounters.HOUR, HOUR));
            for (int i = 0; i < 3; i++) {
                assertTrue(caps.tryAcquireClick(42, HOUR, DAY, NONE, 8, NONE));
            }
            assertFalse(caps.tryAcquireClick(42, HOUR, DAY, NONE, 8, NONE));
        }
    }

    @Test
    void shouldStartFromZeroWhenTheHourOrDayRollsOver() {
        CapCounters caps = CapCounters.inMemory();
        assertTrue(caps.tryAcquireClick(1, HOUR, DAY, 2, 3, NONE));
        assertTrue(caps.tryAcquireClick(1, HOUR, DAY, 2, 3, NONE));
        assertFalse(caps.tryAcquireClick(1, HOUR, DAY, 2, 3, NONE));
        assertTrue(caps.tryAcquireClick(1, HOUR + 1, DAY, 2, 3, NONE));
        assertFalse(caps.tryAcquireClick(1, HOUR + 1, DAY, 2, 3, NONE), "day cap of 3");
        assertEquals(1, caps.count(1, CapCounters.CLICKS, CapCounters.HOUR, HOUR + 1));
        assertEquals(0, caps.count(1, CapCounters.CLICKS, CapCounters.HOUR, HOUR + 2));
        assertTrue(caps.tryAcquireClick(1, HOUR + 24, DAY + 1, 2, 3, NONE));
        assertEquals(4, caps.count(1, CapCounters.CLICKS, CapCounters.TOTAL, 0));
    }

    @Test
    void shouldTreatAWindowAheadOfTheClockAsTheCurrentOne() {
        CapCounters caps = CapCounters.inMemory();
        assertTrue(caps.tryAcquireClick(1, HOUR, DAY, 1, NONE, NONE));
        // The clock stepped back an hour: the count is not reset, so the cap still holds.
        assertFalse(caps.tryAcquireClick(1, HOUR - 1, DAY, 1, NONE, NONE));
    }

    @Test
    void shouldKeepOffersApart() {
        CapCounters caps = CapCounters.inMemory();
        assertTrue(caps.tryAcquireClick(1, HOUR, DAY, NONE, NONE, 1));
        assertTrue(caps.tryAcquireClick(2, HOUR, DAY, NONE, NONE, 1));
        assertTrue(caps.tryAcquireClick(CapCounters.MAX_OFFER_NUMBER, HOUR, DAY, NONE, NONE, 1));
        assertFalse(caps.tryAcquireClick(1, HOUR, DAY, NONE, NONE, 1));
        assertThrows(IllegalArgumentException.class, () -> caps.tryAcquireClick(0, HOUR, DAY, NONE, NONE, 1));
    }

    @Test
    void shouldRefuseAFileOfAnotherFormat() throws IOException {
        Path file = dir.resolve("counters.bin");
        Files.write(file, new byte[4096]);
        IOException refused = assertThrows(IOException.class, () -> CapCounters.open(file));
        assertTrue(refused.getMessage().contains("not a caps counter file"), refused.getMessage());
        assertEquals(4096, Files.size(file), "left as it was");
    }

    /** Runs {@code attempt} {@code perThread} times on each of {@code threads} threads at once; returns the wins. */
    static int race(int threads, int perThread, Callable<Boolean> attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    start.await();
                    int wins = 0;
                    for (int i = 0; i < perThread; i++) {
                        if (attempt.call()) {
                            wins++;
                        }
                    }
                    return wins;
                }));
            }
            start.countDown();
            int wins = 0;
            for (Future<Integer> result : results) {
                wins += result.get();
            }
            return wins;
        } finally {
            pool.shutdownNow();
        }
    }
}

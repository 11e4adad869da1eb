package io.smartlinkd.discount;

import io.smartlinkd.testing.AllocationCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.DiscountConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sanity check that handing out codes on an event loop allocates nothing once warm: a fresh code from the pool
 * stored in the issued-code maps, and a returning visitor's code found again; and that refilling a local pool makes
 * next to no garbage. JMH measures the time.
 */
@Timeout(120)
class CodeIssuerAllocationTest {
    private static final int FRESH = 4_000;
    private static final int REUSED = 50_000;
    private static final byte[] CLICK = "click-id-click-id-click-id-click-id!".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] LINK = "summer-link".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PARTNER = "anna".getBytes(StandardCharsets.US_ASCII);
    private static final Discount DISCOUNT = new Discount(1, new DiscountConfig("summer", "shop.example.com", "/",
            DiscountConfig.DEFAULT_LOCATION, CodeFormat.DEFAULT, 86_400_000L, 86_400_000L, "local", null, 16_384,
            4_096, null, null), new byte[0], null);

    @TempDir
    Path dir;

    @Test
    void shouldAllocateNothingPerCodeOnceWarm() throws Exception {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();
        long now = System.currentTimeMillis();
        try (DiscountService service = startLocalPool()) {
            CodeIssuer issuer = new CodeIssuer();
            long visitor = 1;
            long fewestFresh = Long.MAX_VALUE;
            long fewestReused = Long.MAX_VALUE;
            for (int round = 0; round < 12; round++) {
                assertTrue(service.awaitFull(30_000));
                long before = counter.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < FRESH; i++) {
                    assertTrue(issuer.issue(DISCOUNT, service.store(), visitor++, now, CLICK, 36, LINK, 0,
                            LINK.length, PARTNER));
                }
                fewestFresh = Math.min(fewestFresh, counter.getCurrentThreadAllocatedBytes() - before);
                before = counter.getCurrentThreadAllocatedBytes();
                int reused = 0;
                for (int i = 0; i < REUSED; i++) {
                    issuer.issue(DISCOUNT, service.store(), visitor - 1 - (i % FRESH), now, CLICK, 36, LINK, 0,
                            LINK.length, PARTNER);
                    reused += issuer.reused() ? 1 : 0;
                }
                fewestReused = Math.min(fewestReused, counter.getCurrentThreadAllocatedBytes() - before);
                assertEquals(REUSED, reused);
            }
            assertTrue(fewestFresh < 1024, "allocated " + fewestFresh + " bytes for " + FRESH + " fresh codes");
            assertTrue(fewestReused < 1024, "allocated " + fewestReused + " bytes for " + REUSED + " reissues");
        }
    }

    @Test
    void shouldRefillLocalPoolsWithNextToNoGarbage() throws Exception {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();
        long now = System.currentTimeMillis();
        try (DiscountService service = startLocalPool()) {
            CodeIssuer issuer = new CodeIssuer();
            long visitor = 1;
            long fewest = Long.MAX_VALUE;
            for (int round = 0; round < 8; round++) {
                assertTrue(service.awaitFull(30_000));
                long before = workerAllocatedBytes(counter);
                for (int i = 0; i < FRESH; i++) {
                    assertTrue(issuer.issue(DISCOUNT, service.store(), visitor++, now, CLICK, 36, LINK, 0,
                            LINK.length, PARTNER));
                }
                assertTrue(service.awaitFull(30_000));
                fewest = Math.min(fewest, workerAllocatedBytes(counter) - before);
            }
            // The random source's own buffers are what is left: a String, a set entry, a record key and a provided
            // code per code came to about 500 bytes each.
            assertTrue(fewest < FRESH * 96L, "the refill allocated " + fewest + " bytes for " + FRESH + " codes");
        }
    }

    /** The service with one local discount of 16,384 codes, refilled below 4,096. */
    private DiscountService startLocalPool() throws Exception {
        DiscountService service = DiscountService.start(dir, 200_000, c -> new LocalCodeProvider(),
                System::currentTimeMillis, 60_000);
        try {
            service.apply(new DiscountTable(List.of(DISCOUNT)));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /** What the discount service's background thread has allocated so far. */
    private static long workerAllocatedBytes(com.sun.management.ThreadMXBean counter) {
        long total = 0;
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.getName().equals("discount-codes")) {
                total += Math.max(0, counter.getThreadAllocatedBytes(thread.getId()));
            }
        }
        return total;
    }
}

package io.smartlinkd.clickid;

import io.smartlinkd.testing.AllocationCounter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sanity check that minting allocates nothing once warm; JMH measures the real numbers.
 */
@Timeout(30)
class ClickIdMinterAllocationTest {
    private static final int MINTS = 100_000;

    @Test
    void shouldAllocateNothingWhileMintingOnceWarm() {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();

        ClickIdMinter minter = new ClickIdMinter(ClickIdKey.fromSecret("allocation test secret"), 3, 1);
        byte[] out = new byte[ClickId.TEXT_LENGTH];
        long sink = mintMany(minter, out, 1_000_000_000L); // warm up: interpreter, C1, C2

        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = counter.getCurrentThreadAllocatedBytes();
            sink += mintMany(minter, out, 1_700_000_000_000L + attempt);
            long allocated = counter.getCurrentThreadAllocatedBytes() - before;
            fewest = Math.min(fewest, allocated);
        }
        assertTrue(fewest < 1024, "allocated " + fewest + " bytes for " + MINTS + " mints");
        assertTrue(sink != 0);
    }

    private static long mintMany(ClickIdMinter minter, byte[] out, long epochMs) {
        long sink = 0;
        for (int i = 0; i < MINTS; i++) {
            minter.mint(epochMs + (i >>> 10), i, i & 0xff, out, 0);
            sink += out[35];
        }
        return sink;
    }
}

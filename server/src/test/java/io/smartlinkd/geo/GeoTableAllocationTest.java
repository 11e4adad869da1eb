package io.smartlinkd.geo;

import io.smartlinkd.testing.AllocationCounter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A sanity check that lookups allocate nothing once warm; GeoLookupBenchmark measures the real numbers. */
@Timeout(60)
class GeoTableAllocationTest {
    private static final int LOOKUPS = 100_000;

    @Test
    void shouldAllocateNothingWhileLookingUpOnceWarm() {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();

        Random random = new Random(1);
        GeoTableBuilder builder = new GeoTableBuilder();
        for (long start = 0; start < 1L << 32; start += 1 << 12) {
            builder.addIpv4(start, 24, CountryCode.of((char) ('A' + random.nextInt(26)), 'X'));
        }
        for (long block = 0; block < 1 << 16; block++) {
            builder.addIpv6(0x2000_0000_0000_0000L | block << 32, 0, 40, CountryCode.of('Z', 'Z'));
        }
        GeoTable table = builder.build();
        byte[][] addresses = new byte[1024][];
        for (int i = 0; i < addresses.length; i++) {
            addresses[i] = new byte[i % 2 == 0 ? 4 : 16];
            random.nextBytes(addresses[i]);
            if (i % 4 == 1) {
                addresses[i][0] = 0x20; // some public IPv6
            }
        }

        long sink = lookUpMany(table, addresses); // warm up: interpreter, C1, C2
        for (int i = 0; i < 20; i++) {
            sink += lookUpMany(table, addresses);
        }
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = counter.getCurrentThreadAllocatedBytes();
            sink += lookUpMany(table, addresses);
            fewest = Math.min(fewest, counter.getCurrentThreadAllocatedBytes() - before);
        }
        assertTrue(fewest < 1024, "allocated " + fewest + " bytes for " + LOOKUPS + " lookups");
        assertTrue(sink != 0);
    }

    private static long lookUpMany(GeoTable table, byte[][] addresses) {
        long sink = 0;
        for (int i = 0; i < LOOKUPS; i++) {
            byte[] address = addresses[i & (addresses.length - 1)];
            sink += table.country(address, address.length);
        }
        return sink;
    }
}

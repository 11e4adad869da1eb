package io.smartlinkd.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigInteger;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class GeoTableTest {
    private static final int DE = CountryCode.of("DE");
    private static final int FR = CountryCode.of("FR");
    private static final int US = CountryCode.of("US");

    @Test
    void shouldAnswerTheCountryOfEachNetworkUpToItsEdges() {
        GeoTable table = new GeoTableBuilder()
                .addIpv4(net(81, 2, 69, 0), 24, DE)
                .addIpv4(net(81, 2, 70, 0), 23, FR)
                .build();

        assertEquals(0, table.ipv4(ipv4(81, 2, 68, 255)));
        assertEquals(DE, table.ipv4(ipv4(81, 2, 69, 0)));
        assertEquals(DE, table.ipv4(ipv4(81, 2, 69, 255)));
        assertEquals(FR, table.ipv4(ipv4(81, 2, 70, 0)));
        assertEquals(FR, table.ipv4(ipv4(81, 2, 71, 255)));
        assertEquals(0, table.ipv4(ipv4(81, 2, 72, 0)));
        assertEquals(0, table.ipv4(0));
        assertEquals(0, table.ipv4(-1));
    }

    @Test
    void shouldMergeAdjacentNetworksOfOneCountryAndFillGapsWithUnknown() {
        GeoTable table = new GeoTableBuilder()
                .addIpv4(net(1, 0, 0, 0), 24, DE)
                .addIpv4(net(1, 0, 1, 0), 24, DE)
                .addIpv4(net(1, 0, 2, 0), 23, DE)
                .addIpv4(net(1, 0, 8, 0), 24, US)
                .build();

        assertEquals(4, table.networks());
        assertEquals(5, table.ipv4Ranges(), "gap, DE (three networks), gap, US, gap");
        assertEquals(1, table.ipv6Ranges(), "the whole IPv6 space, unknown");
        assertEquals(DE, table.ipv4(ipv4(1, 0, 3, 255)));
        assertEquals(0, table.ipv4(ipv4(1, 0, 4, 0)));
        assertEquals(US, table.ipv4(ipv4(1, 0, 8, 1)));
    }

    @Test
    void shouldCoverTheFirstAndLastAddressOfEachFamily() {
        GeoTable table = new GeoTableBuilder()
                .addIpv4(0, 8, DE)
                .addIpv4(net(255, 255, 255, 0), 24, US)
                .addIpv6(0, 0, 16, DE)
                .addIpv6(-1L << 16, 0, 16, US)
                .build();

        assertEquals(DE, table.ipv4(0));
        assertEquals(US, table.ipv4(-1));
        assertEquals(0, table.ipv4(ipv4(255, 255, 254, 255)));
        assertEquals(DE, table.ipv6(0, 0));
        assertEquals(US, table.ipv6(-1L, -1L));
        assertEquals(0, table.ipv6(0xfffe_ffff_ffff_ffffL, -1L));
    }

    @Test
    void shouldTellApartIpv6NetworksThatDifferOnlyInTheLowHalf() {
        long high = 0x2a02_0ec0_0000_0000L;
        GeoTable table = new GeoTableBuilder()
                .addIpv6(0x2a02_0000_0000_0000L, 0x8000_0000_0000_0000L, 65, FR)
                .addIpv6(high, 0x8000_0000_0000_0000L, 65, DE)
                .build();

        assertEquals(0, table.ipv6(high, 1), "below the /65 in the same /64");
        assertEquals(DE, table.ipv6(high, 0x8000_0000_0000_0000L));
        assertEquals(DE, table.ipv6(high, -1L));
        assertEquals(0, table.ipv6(high + 1, 0));
        // A range that starts inside the first /64 of a 16-bit block must not capture the block's first address.
        assertEquals(0, table.ipv6(0x2a02_0000_0000_0000L, 0));
        assertEquals(FR, table.ipv6(0x2a02_0000_0000_0000L, 0x8000_0000_0000_0001L));
    }

    @Test
    void shouldNotLetARangeThatStartsInTheLowHalfCaptureAnIndexBoundary() {
        // 2800:: starts a /16 block of the index.
        GeoTable table = new GeoTableBuilder()
                .addIpv6(0x2800_0000_0000_0000L, 0x8000_0000_0000_0000L, 65, DE)
                .addIpv6(0x2800_0000_0000_0001L, 0, 64, FR)
                .build();

        assertEquals(0, table.ipv6(0x2800_0000_0000_0000L, 0));
        assertEquals(0, table.ipv6(0x2800_0000_0000_0000L, 0x7fff_ffff_ffff_ffffL));
        assertEquals(DE, table.ipv6(0x2800_0000_0000_0000L, 0x8000_0000_0000_0000L));
        assertEquals(FR, table.ipv6(0x2800_0000_0000_0001L, 5));
        assertEquals(0, table.ipv6(0x27ff_ffff_ffff_ffffL, -1L));
    }

    @Test
    void shouldRefuseOverlappingAndOutOfOrderNetworks() {
        GeoTableBuilder builder = new GeoTableBuilder().addIpv4(net(10, 0, 0, 0), 8, DE);
        assertThrows(IllegalArgumentException.class, () -> builder.addIpv4(net(10, 1, 0, 0), 16, FR));
        assertThrows(IllegalArgumentException.class, () -> builder.addIpv4(net(9, 0, 0, 0), 8, FR));
        assertThrows(IllegalArgumentException.class, () -> builder.addIpv4(net(11, 0, 0, 0), 33, FR));

        GeoTableBuilder v6 = new GeoTableBuilder().addIpv6(0x2001_0000_0000_0000L, 0, 16, DE);
        assertThrows(IllegalArgumentException.class, () -> v6.addIpv6(0x2001_0db8_0000_0000L, 0, 32, FR));
        GeoTableBuilder full = new GeoTableBuilder().addIpv6(0, 0, 0, DE);
        assertThrows(IllegalArgumentException.class, () -> full.addIpv6(-1L, -1L, 128, FR));
    }

    @Test
    void shouldNeverLookUpAddressesThatAreNotPublic() throws Exception {
        GeoTable table = new GeoTableBuilder()
                .addIpv4(net(8, 0, 0, 0), 8, US)
                .addIpv4(net(10, 0, 0, 0), 8, US)
                .addIpv4(net(192, 168, 0, 0), 16, US)
                .addIpv6(0xfc00_0000_0000_0000L, 0, 7, US)
                .build();

        assertEquals(US, table.ipv4(ipv4(10, 1, 2, 3)), "the data has it");
        assertEquals(0, country(table, "10.1.2.3"), "but clicks never see it");
        assertEquals(0, country(table, "192.168.1.1"));
        assertEquals(0, country(table, "fd00::1"));
        assertEquals(0, country(table, "::ffff:10.1.2.3"));
        assertEquals(US, country(table, "8.8.8.8"));
        assertEquals(US, country(table, "::ffff:8.8.8.8"));
        assertEquals(US, country(table, "2002:808:808::1"));
    }

    @Test
    void shouldAnswerUnknownFromTheEmptyTable() throws Exception {
        assertEquals(0, country(GeoTable.EMPTY, "8.8.8.8"));
        assertEquals(0, country(GeoTable.EMPTY, "2001:4860:4860::8888"));
        assertEquals(0, GeoTable.EMPTY.country(new byte[5], 5));
        assertEquals(0, GeoTable.EMPTY.networks());
    }

    @Test
    void shouldReadTheAddressAtAnOffset() {
        GeoTable table = new GeoTableBuilder().addIpv4(net(8, 8, 8, 0), 24, US).build();
        byte[] buffer = {1, 2, 8, 8, 8, 8, 3};
        assertEquals(US, table.country(buffer, 2, 4));
        assertEquals(0, table.country(buffer, 0, 4));
    }

    @Test
    void shouldAgreeWithAReferenceLookupForRandomIpv4Networks() {
        assertAgreesWithReference(new Random(42), false);
    }

    @Test
    void shouldAgreeWithAReferenceLookupInsideDenselyDividedBlocks() {
        // A few /16s cut into thousands of networks, as eyeball ISPs' space is: long searches within one block.
        assertAgreesWithReference(new Random(43), true);
    }

    private static void assertAgreesWithReference(Random random, boolean dense) {
        TreeMap<Long, long[]> networks = new TreeMap<>(); // start -> {end, country}
        for (int i = 0; i < 20_000; i++) {
            int prefix = dense ? 17 + random.nextInt(16) : 8 + random.nextInt(25);
            long size = 1L << (32 - prefix);
            long address = dense ? (0x5102_0000L + random.nextInt(3) * 0x0101_0000L) | random.nextInt(1 << 16)
                    : random.nextLong() & 0xFFFF_FFFFL;
            long start = address & -size;
            long end = start + size - 1;
            Map.Entry<Long, long[]> before = networks.floorEntry(end);
            if (before != null && before.getValue()[0] >= start) {
                continue;
            }
            networks.put(start, new long[] {end, 1 + random.nextInt(3)});
        }
        GeoTableBuilder builder = new GeoTableBuilder();
        networks.forEach((start, value) -> builder.addIpv4(start, 32 - prefixOf(value[0] - start + 1),
                code((int) value[1])));
        GeoTable table = builder.build();

        for (Map.Entry<Long, long[]> network : networks.entrySet()) {
            long start = network.getKey();
            long end = network.getValue()[0];
            for (long probe : new long[] {start - 1, start, end, end + 1}) {
                if (probe >= 0 && probe <= 0xFFFF_FFFFL) {
                    assertEquals(reference(networks, probe), table.ipv4((int) probe), "at " + probe);
                }
            }
        }
        for (int i = 0; i < 200_000; i++) {
            long probe = random.nextLong() & 0xFFFF_FFFFL;
            assertEquals(reference(networks, probe), table.ipv4((int) probe), "at " + probe);
        }
    }

    @Test
    void shouldAgreeWithAReferenceLookupForRandomIpv6Networks() {
        Random random = new Random(7);
        BigInteger space = BigInteger.ONE.shiftLeft(128);
        TreeMap<BigInteger, Object[]> networks = new TreeMap<>(); // start -> {end, country}
        for (int i = 0; i < 20_000; i++) {
            int prefix = 12 + random.nextInt(117);
            // Mostly inside 2000::/3 and a few /16 blocks, so that blocks hold many ranges, as real data does.
            BigInteger address = new BigInteger(128, random);
            if (random.nextInt(4) != 0) {
                BigInteger block = BigInteger.valueOf(0x2a00 + random.nextInt(4)).shiftLeft(112);
                address = block.or(address.mod(BigInteger.ONE.shiftLeft(112 - random.nextInt(20))));
            }
            BigInteger size = BigInteger.ONE.shiftLeft(128 - prefix);
            BigInteger start = address.subtract(address.mod(size));
            BigInteger end = start.add(size).subtract(BigInteger.ONE);
            Map.Entry<BigInteger, Object[]> before = networks.floorEntry(end);
            if (before != null && ((BigInteger) before.getValue()[0]).compareTo(start) >= 0) {
                continue;
            }
            networks.put(start, new Object[] {end, prefix, code(1 + random.nextInt(3))});
        }
        GeoTableBuilder builder = new GeoTableBuilder();
        networks.forEach((start, value) -> builder.addIpv6(high(start), low(start), (Integer) value[1],
                (Integer) value[2]));
        GeoTable table = builder.build();

        for (Map.Entry<BigInteger, Object[]> network : networks.entrySet()) {
            BigInteger start = network.getKey();
            BigInteger end = (BigInteger) network.getValue()[0];
            for (BigInteger probe : new BigInteger[] {start.subtract(BigInteger.ONE), start, end,
                    end.add(BigInteger.ONE)}) {
                if (probe.signum() >= 0 && probe.compareTo(space) < 0) {
                    assertEquals(reference6(networks, probe), table.ipv6(high(probe), low(probe)), "at " + probe);
                }
            }
        }
        for (int i = 0; i < 100_000; i++) {
            BigInteger probe = new BigInteger(128, random);
            assertEquals(reference6(networks, probe), table.ipv6(high(probe), low(probe)), "at " + probe);
        }
    }

    private static int reference(TreeMap<Long, long[]> networks, long address) {
        Map.Entry<Long, long[]> entry = networks.floorEntry(address);
        return entry != null && entry.getValue()[0] >= address ? code((int) entry.getValue()[1]) : 0;
    }

    private static int reference6(TreeMap<BigInteger, Object[]> networks, BigInteger address) {
        Map.Entry<BigInteger, Object[]> entry = networks.floorEntry(address);
        return entry != null && ((BigInteger) entry.getValue()[0]).compareTo(address) >= 0
                ? (Integer) entry.getValue()[2] : 0;
    }

    private static int code(int n) {
        return n == 1 ? DE : n == 2 ? FR : US;
    }

    private static int prefixOf(long size) {
        return Long.numberOfTrailingZeros(size);
    }

    private static long high(BigInteger address) {
        return address.shiftRight(64).longValue();
    }

    private static long low(BigInteger address) {
        return address.longValue();
    }

    /** A network address as {@link GeoTableBuilder#addIpv4} takes it. */
    static long net(int a, int b, int c, int d) {
        return ipv4(a, b, c, d) & 0xFFFF_FFFFL;
    }

    static int ipv4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    private static int country(GeoTable table, String literal) throws Exception {
        byte[] raw = PublicAddressesTest.literalBytes(literal);
        return table.country(raw, raw.length);
    }
}

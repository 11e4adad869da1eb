package io.smartlinkd.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class CidrTest {
    private static boolean in(CidrSet set, String address) {
        byte[] ip = new byte[16];
        return set.contains(ip, IpAddresses.parse(address, ip));
    }

    private static CidrSet set(String... networks) {
        return CidrSet.of(java.util.Arrays.stream(networks).map(Cidr::parse).toList());
    }

    @Test
    void shouldReadNetworksAndSingleAddresses() {
        assertEquals("10.0.0.0/8", Cidr.parse("10.0.0.0/8").toString());
        assertEquals("127.0.0.1/32", Cidr.parse(" 127.0.0.1 ").toString());
        assertEquals("2001:db8::/32", Cidr.parse("2001:DB8::/32").toString());
        assertEquals("::1/128", Cidr.parse("::1").toString());
        assertEquals("0.0.0.0/0", Cidr.parse("0.0.0.0/0").toString());
        assertEquals("10.0.0.0/8", Cidr.parse("::ffff:10.0.0.0/104").toString());
    }

    @Test
    void shouldRefuseMalformedNetworksWithAReason() {
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/33"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("2001:db8::/129"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/-1"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("10.0.0.0/8/8"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("::ffff:10.0.0.0/95"));
        IllegalArgumentException hostBits = assertThrows(IllegalArgumentException.class,
                () -> Cidr.parse("10.1.2.3/8"));
        assertEquals("'10.1.2.3/8' has host bits set: write the network 10.0.0.0/8, or the single address without "
                + "a prefix", hostBits.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Cidr.parse("2001:db8::1/64"));
    }

    @Test
    void shouldMatchAddressesInsideTheirNetworksOnly() {
        CidrSet trusted = set("10.0.0.0/8", "192.168.4.0/22", "127.0.0.1", "2001:db8::/32", "fc00::/7", "::1");
        assertTrue(in(trusted, "10.255.255.255"));
        assertTrue(in(trusted, "10.0.0.0"));
        assertFalse(in(trusted, "11.0.0.0"));
        assertFalse(in(trusted, "9.255.255.255"));
        assertTrue(in(trusted, "192.168.7.255"));
        assertFalse(in(trusted, "192.168.8.0"));
        assertFalse(in(trusted, "192.168.3.255"));
        assertTrue(in(trusted, "127.0.0.1"));
        assertFalse(in(trusted, "127.0.0.2"));
        assertTrue(in(trusted, "2001:db8:ffff::1"));
        assertFalse(in(trusted, "2001:db9::"));
        assertTrue(in(trusted, "fdff::1"));
        assertTrue(in(trusted, "fc00::"));
        assertFalse(in(trusted, "fe00::"));
        assertTrue(in(trusted, "::1"));
        assertFalse(in(trusted, "::2"));
        assertTrue(in(trusted, "::ffff:10.9.9.9"), "IPv4-mapped matches the IPv4 network");
        assertFalse(in(trusted, "::a00:1"), "IPv4-compatible IPv6 is IPv6");
        assertFalse(trusted.contains(new byte[16], 0), "unknown address");
    }

    @Test
    void shouldMatchLikeTheByteWiseCheckForEveryPrefixLength() {
        Random random = new Random(42);
        byte[] ip = new byte[16];
        for (int bits = 0; bits <= 128; bits++) {
            byte[] network = new byte[16];
            random.nextBytes(network);
            for (int bit = bits; bit < 128; bit++) {
                network[bit >>> 3] &= (byte) ~(0x80 >>> (bit & 7));
            }
            Cidr cidr = Cidr.parse(IpAddresses.format(network, 16) + "/" + bits);
            CidrSet set = CidrSet.of(List.of(cidr));
            for (int i = 0; i < 200; i++) {
                System.arraycopy(network, 0, ip, 0, 16);
                int flip = random.nextInt(128);
                ip[flip >>> 3] ^= (byte) (0x80 >>> (flip & 7));
                boolean expected = flip >= bits;
                assertEquals(expected, cidr.contains(ip, 16), cidr + " flip " + flip);
                assertEquals(expected, set.contains(ip, 16), cidr + " flip " + flip);
            }
        }
        for (int bits = 0; bits <= 32; bits++) {
            int network = bits == 0 ? 0 : random.nextInt() & (-1 << (32 - bits));
            String text = (network >>> 24) + "." + (network >>> 16 & 0xff) + "." + (network >>> 8 & 0xff) + "."
                    + (network & 0xff) + "/" + bits;
            CidrSet set = CidrSet.of(List.of(Cidr.parse(text)));
            for (int flip = 0; flip < 32; flip++) {
                int address = network ^ (0x80000000 >>> flip);
                byte[] v4 = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
                assertEquals(flip >= bits, set.contains(v4, 4), text + " flip " + flip);
            }
        }
    }
}

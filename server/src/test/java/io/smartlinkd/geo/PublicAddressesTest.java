package io.smartlinkd.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(10)
class PublicAddressesTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "0.0.0.0", "0.255.255.255",                 // this network
            "10.0.0.0", "10.255.255.255",               // private
            "100.64.0.0", "100.127.255.255",            // CGNAT
            "127.0.0.1", "127.255.255.255",             // loopback
            "169.254.0.0", "169.254.255.255",           // link-local
            "172.16.0.0", "172.31.255.255",             // private
            "192.0.0.0", "192.0.0.255",                 // IETF protocol assignments
            "192.0.2.0", "192.0.2.255", "198.51.100.7", "203.0.113.255", // documentation
            "192.88.99.1",                              // deprecated 6to4 relay anycast
            "192.168.0.0", "192.168.255.255",           // private
            "198.18.0.0", "198.19.255.255",             // benchmarking
            "224.0.0.1", "239.255.255.255",             // multicast
            "240.0.0.0", "255.255.255.255"})            // reserved, broadcast
    void shouldRefuseSpecialPurposeIpv4Addresses(String address) throws Exception {
        assertFalse(isPublic(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "1.0.0.0", "8.8.8.8", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0", "126.255.255.255",
            "128.0.0.0", "169.253.255.255", "169.255.0.0", "172.15.255.255", "172.32.0.0", "192.0.1.255",
            "192.0.3.0", "192.88.98.255", "192.167.255.255", "192.169.0.0", "198.17.255.255", "198.20.0.0",
            "198.51.99.255", "203.0.112.255", "203.0.114.0", "223.255.255.255"})
    void shouldAcceptPublicIpv4AddressesRightNextToSpecialRanges(String address) throws Exception {
        assertTrue(isPublic(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "::", "::1", "::2", "100::1", "64:ff9b:1::1", "fc00::1", "fdff:ffff::1", "fe80::1", "febf::1", "ff02::1",
            "1fff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "4000::",
            "2001:db8::1", "2001:db8:ffff::1",          // documentation
            "3fff::1", "3fff:fff:ffff::1",              // documentation (RFC 9637)
            "2001:2::1", "2001:10::1", "2001:1ff:ffff::1", // IETF protocol assignments 2001::/23
            "::ffff:10.1.2.3", "::ffff:127.0.0.1",      // IPv4-mapped private
            "64:ff9b::192.168.0.1",                     // NAT64 of a private address
            "2002:c0a8:101::1",                         // 6to4 of 192.168.1.1
            "2001:0:4136:e378:8000:63bf:f5ff:fffe"})    // Teredo of 10.0.0.1 (inverted)
    void shouldRefuseSpecialPurposeIpv6Addresses(String address) throws Exception {
        assertFalse(isPublic(address), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "2000::", "2001:200::1", "2001:4860:4860::8888", "2001:db7:ffff::1", "2001:db9::1", "2a00:1450::1",
            "3ffe:ffff::1", "3fff:1000::1", "3ffe::1",
            "::ffff:8.8.8.8", "64:ff9b::8.8.8.8", "2002:808:808::1",
            "2001:0:4136:e378:8000:63bf:f7f7:f7f7"})    // Teredo of 8.8.8.8 (inverted)
    void shouldAcceptPublicIpv6AddressesAndIpv4FormsOfPublicOnes(String address) throws Exception {
        assertTrue(isPublic(address), address);
    }

    @Test
    void shouldRefuseOtherLengths() {
        assertFalse(PublicAddresses.isPublic(new byte[] {8, 8, 8}, 3));
        assertFalse(PublicAddresses.isPublic(new byte[0], 0));
    }

    @Test
    void shouldReadTheAddressAtAnOffset() {
        byte[] buffer = {0, 0, 8, 8, 8, 8, 10, 0, 0, 1};
        assertTrue(PublicAddresses.isPublic(buffer, 2, 4));
        assertFalse(PublicAddresses.isPublic(buffer, 6, 4));
    }

    @Test
    void shouldHandTheEmbeddedIpv4AddressToTheLookup() throws Exception {
        assertEquals(0x0808_0808L, classify("::ffff:8.8.8.8"));
        assertEquals(0x0808_0808L, classify("64:ff9b::8.8.8.8"));
        assertEquals(0x0808_0808L, classify("2002:808:808:1::1"));
        assertEquals(0x0808_0808L, classify("2001:0:4136:e378:8000:63bf:f7f7:f7f7"));
        assertEquals(PublicAddresses.IPV6, classify("2001:4860:4860::8888"));
        assertEquals(PublicAddresses.NOT_PUBLIC, classify("fe80::1"));
    }

    private static boolean isPublic(String literal) throws Exception {
        byte[] raw = literalBytes(literal);
        return PublicAddresses.isPublic(raw, raw.length);
    }

    private static long classify(String literal) throws Exception {
        byte[] raw = literalBytes(literal);
        return PublicAddresses.classify(PublicAddresses.ipv6High(raw, 0), PublicAddresses.ipv6Low(raw, 0));
    }

    /** Sixteen bytes for IPv6 literals, even IPv4-mapped ones (which InetAddress turns into IPv4). */
    static byte[] literalBytes(String literal) throws Exception {
        byte[] raw = InetAddress.getByName(literal).getAddress();
        if (raw.length == 4 && literal.contains(":")) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xFF;
            mapped[11] = (byte) 0xFF;
            System.arraycopy(raw, 0, mapped, 12, 4);
            return mapped;
        }
        return raw;
    }
}

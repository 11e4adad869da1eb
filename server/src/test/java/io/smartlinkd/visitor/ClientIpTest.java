package io.smartlinkd.visitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.net.IpAddresses;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClientIpTest {
    private static final CidrSet TRUSTED = CidrSet.of(Arrays.stream(
            new String[] {"10.0.0.0/8", "127.0.0.1", "2001:db8::/32"}).map(Cidr::parse).toList());

    /** The client address for a peer and the forwarded-for header lines, in the order they arrived. */
    private static String client(String peer, String... lines) {
        ClientIp client = new ClientIp(TRUSTED);
        byte[] bytes = new byte[16];
        int length = IpAddresses.parse(peer, bytes);
        if (client.start(bytes, length)) {
            for (int i = lines.length - 1; i >= 0 && client.walk(lines[i]); i--) {
                // continue with the line before
            }
        }
        return IpAddresses.format(client.ip(), client.length());
    }

    @Test
    void shouldUseThePeerWhenItIsNotATrustedProxy() {
        assertEquals("203.0.113.9", client("203.0.113.9", "198.51.100.1"));
        assertEquals("2001:db9::1", client("2001:db9::1", "198.51.100.1"));
    }

    @Test
    void shouldTakeTheFirstUntrustedHopFromTheRight() {
        assertEquals("198.51.100.1", client("10.0.0.1", "198.51.100.1"));
        assertEquals("198.51.100.1", client("10.0.0.1", "198.51.100.1, 10.2.3.4"));
        assertEquals("198.51.100.1", client("127.0.0.1", "198.51.100.1,10.2.3.4,127.0.0.1"));
    }

    @Test
    void shouldNeverBelieveEntriesLeftOfAnUntrustedHop() {
        // The client wrote "10.9.9.9, 1.1.1.1" itself; our proxy appended the address it saw.
        assertEquals("198.51.100.1", client("10.0.0.1", "10.9.9.9, 1.1.1.1, 198.51.100.1"));
        assertEquals("198.51.100.1", client("10.0.0.1", "127.0.0.1, 198.51.100.1, 10.0.0.2"));
    }

    @Test
    void shouldTakeTheLeftmostWhenEveryHopIsTrusted() {
        assertEquals("10.1.1.1", client("10.0.0.1", "10.1.1.1, 10.2.2.2"));
        assertEquals("127.0.0.1", client("10.0.0.1", "127.0.0.1"));
    }

    @Test
    void shouldStopAtAMalformedEntryAndKeepTheLastGoodHop() {
        assertEquals("10.2.2.2", client("10.0.0.1", "198.51.100.7, unknown, 10.2.2.2"));
        assertEquals("10.0.0.1", client("10.0.0.1", "198.51.100.7, garbage"));
        assertEquals("10.0.0.1", client("10.0.0.1", ""));
        assertEquals("10.2.2.2", client("10.0.0.1", "198.51.100.7,,10.2.2.2"));
        assertEquals("10.0.0.1", client("10.0.0.1", "198.51.100.7, "));
        assertEquals("10.0.0.1", client("10.0.0.1", "1.2.3.4.5"));
        assertEquals("10.0.0.1", client("10.0.0.1", "_hidden"));
    }

    @Test
    void shouldReadIpv6AndPortsAndBrackets() {
        assertEquals("2001:db9::1", client("10.0.0.1", "2001:db9::1"));
        assertEquals("2001:db9::1", client("10.0.0.1", "[2001:db9::1]"));
        assertEquals("2001:db9::1", client("10.0.0.1", "[2001:db9::1]:4711"));
        assertEquals("198.51.100.1", client("10.0.0.1", "198.51.100.1:443"));
        assertEquals("198.51.100.1", client("2001:db8::5", " \t198.51.100.1\t, [2001:db8::7]:80 "));
        assertEquals("198.51.100.1", client("10.0.0.1", "::ffff:198.51.100.1"));
        assertEquals("10.0.0.1", client("10.0.0.1", "[198.51.100.1]"), "brackets hold IPv6 only");
        assertEquals("10.0.0.1", client("10.0.0.1", "[2001:db9::1]:"), "empty port");
        assertEquals("10.0.0.1", client("10.0.0.1", "[2001:db9::1]x"));
        assertEquals("10.0.0.1", client("10.0.0.1", "198.51.100.1:123456"));
        assertEquals("10.0.0.1", client("10.0.0.1", "[2001:db9::1"));
    }

    @Test
    void shouldTreatSeveralHeaderLinesAsOneList() {
        // A client-sent line first, then the line our proxy added: only the proxy's entry is believed.
        assertEquals("198.51.100.1", client("10.0.0.1", "6.6.6.6", "198.51.100.1"));
        assertEquals("198.51.100.1", client("10.0.0.1", "6.6.6.6, 198.51.100.1", "10.3.3.3"));
        assertEquals("10.4.4.4", client("10.0.0.1", "10.4.4.4", "10.3.3.3"));
        assertEquals("10.3.3.3", client("10.0.0.1", "6.6.6.6, bad", "10.3.3.3"));
    }

    @Test
    void shouldIgnoreTheHeaderWithoutATrustedPeerOrWithoutAnyPeer() {
        ClientIp client = new ClientIp(TRUSTED);
        assertFalse(client.start(new byte[16], 0));
        assertFalse(client.walk("198.51.100.1"));
        assertEquals(0, client.length());
        ClientIp none = new ClientIp(CidrSet.EMPTY);
        byte[] peer = {10, 0, 0, 1};
        assertFalse(none.start(peer, 4));
        assertFalse(none.walk("198.51.100.1"));
        assertEquals("10.0.0.1", IpAddresses.format(none.ip(), none.length()));
    }

    @Test
    void shouldStartEachRequestAfresh() {
        ClientIp client = new ClientIp(TRUSTED);
        byte[] peer = new byte[16];
        int length = IpAddresses.parse("10.0.0.1", peer);
        assertTrue(client.start(peer, length));
        client.walk("198.51.100.1");
        assertTrue(client.start(peer, length));
        assertEquals("10.0.0.1", IpAddresses.format(client.ip(), client.length()));
    }

    @Test
    void shouldRecordOnlyTheTruncatedAddress() {
        ClientIp client = new ClientIp(CidrSet.EMPTY);
        byte[] peer = new byte[16];
        byte[] kept = new byte[16];
        Arrays.fill(kept, (byte) 0x55);
        client.start(peer, IpAddresses.parse("198.51.100.77", peer));
        assertEquals(1, client.privacyForm(JournalConfig.IpPrivacy.TRUNCATE, kept));
        assertArrayEquals(new byte[] {(byte) 198, 51, 100, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, kept);
        client.start(peer, IpAddresses.parse("2001:db8:1234:5678::1", peer));
        assertEquals(2, client.privacyForm(JournalConfig.IpPrivacy.TRUNCATE, kept));
        assertArrayEquals(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0x12, 0x34, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, kept);
        assertEquals(0, client.privacyForm(JournalConfig.IpPrivacy.NONE, kept));
        client.start(peer, 0);
        assertEquals(0, client.privacyForm(JournalConfig.IpPrivacy.TRUNCATE, kept));
    }
}

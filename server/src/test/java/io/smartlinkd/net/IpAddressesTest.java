package io.smartlinkd.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class IpAddressesTest {
    private static String parsed(String text) {
        byte[] out = new byte[16];
        int length = IpAddresses.parse(text, out);
        return length == 0 ? null : IpAddresses.format(out, length);
    }

    @Test
    void shouldParseIpv4DottedQuads() {
        assertEquals("192.0.2.1", parsed("192.0.2.1"));
        assertEquals("0.0.0.0", parsed("0.0.0.0"));
        assertEquals("255.255.255.255", parsed("255.255.255.255"));
    }

    @Test
    void shouldRefuseIpv4FormsThatParsersDisagreeOn() {
        for (String text : new String[] {"256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4", "1..2.3", "1.2.3.", ".1.2.3",
                "1.2.3.4 ", "1.2.3.-4", "", "1", "0x7f.0.0.1", "1.2.3.4/8"}) {
            assertEquals(null, parsed(text), text);
        }
    }

    @Test
    void shouldParseEveryIpv6Form() {
        assertEquals("2001:db8::1", parsed("2001:db8::1"));
        assertEquals("2001:db8::1", parsed("2001:0DB8:0000:0000:0000:0000:0000:0001"));
        assertEquals("::1", parsed("::1"));
        assertEquals("::", parsed("::"));
        assertEquals("1::", parsed("1::"));
        assertEquals("1:2:3:4:5:6:7:8", parsed("1:2:3:4:5:6:7:8"));
        assertEquals("1:2:3:4:5:6:7:0", parsed("1:2:3:4:5:6:7::"));
        assertEquals("64:ff9b::c000:201", parsed("64:ff9b::192.0.2.1"));
        assertEquals("fe80::1:0:0:0", parsed("fe80:0:0:0:1::"));
    }

    @Test
    void shouldRefuseMalformedIpv6() {
        for (String text : new String[] {":1", "1:", "1::2::3", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8::", "12345::",
                "g::1", "fe80::1%eth0", "1:2:3:4:5:6:7", ":::", "::1.2.3", "1:2:3:4:5:6:7:1.2.3.4", "[::1]",
                "::1 "}) {
            assertEquals(null, parsed(text), text);
        }
    }

    @Test
    void shouldReduceIpv4MappedIpv6ToIpv4() {
        assertEquals("192.0.2.1", parsed("::ffff:192.0.2.1"));
        assertEquals("192.0.2.1", parsed("::FFFF:c000:0201"));
        assertEquals("::fffe:c000:201", parsed("::fffe:192.0.2.1"));
    }

    @Test
    void shouldAgreeWithTheJdkOnSocketAddresses() throws Exception {
        byte[] out = new byte[16];
        assertEquals(4, IpAddresses.fromInet(InetAddress.getByName("::ffff:10.1.2.3"), out));
        assertEquals("10.1.2.3", IpAddresses.format(out, 4));
        assertEquals(16, IpAddresses.fromInet(InetAddress.getByName("2001:db8::5"), out));
        assertEquals("2001:db8::5", IpAddresses.format(out, 16));
    }

    @Test
    void shouldParseASliceOfLongerText() {
        byte[] out = new byte[16];
        String text = "for 10.0.0.7, x";
        assertEquals(4, IpAddresses.parse(text, 4, 12, out));
        assertEquals("10.0.0.7", IpAddresses.format(out, 4));
    }
}

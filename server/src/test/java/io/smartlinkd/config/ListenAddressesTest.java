package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class ListenAddressesTest {
    @Test
    void shouldParseHostAndPort() {
        assertEquals(new HostPort("0.0.0.0", 0), ListenAddresses.parse("0.0.0.0:0"));
        assertEquals(new HostPort("localhost", 8080), ListenAddresses.parse("localhost:8080"));
    }

    @Test
    void shouldParseBracketedIpv6() {
        HostPort address = ListenAddresses.parse("[::]:443");
        assertEquals(new HostPort("::", 443), address);
        assertEquals("[::]:443", address.toString());
    }

    @Test
    void shouldRefuseAMissingPortOrUnbracketedIpv6() {
        assertThrows(IllegalArgumentException.class, () -> ListenAddresses.parse("localhost"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddresses.parse("::1:80"));
        assertThrows(IllegalArgumentException.class, () -> ListenAddresses.parse(":8080"));
    }
}

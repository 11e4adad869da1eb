package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code trusted_proxies}, {@code proxy_protocol} and {@code visitors:} as read from YAML, and their errors. */
@Timeout(10)
class VisitorSettingsConfigTest {
    @TempDir
    Path dir;

    private ConfigDir config;

    @BeforeEach
    void setUp() {
        config = new ConfigDir(dir).withDomain();
    }

    @Test
    void shouldDefaultToNoTrustedProxiesNoProxyProtocolAndTheDefaultCookie() throws Exception {
        ServerConfig server = config.load().server();
        assertTrue(server.trustedProxies().isEmpty());
        assertFalse(server.proxyProtocol());
        assertEquals(VisitorConfig.DEFAULTS, server.visitors());
        assertEquals(new VisitorConfig(true, "slv", 365L * 86_400_000, false, 86_400_000, 1 << 20),
                VisitorConfig.DEFAULTS);
    }

    @Test
    void shouldReadEverySetting() throws Exception {
        config.write("server.yaml", """
                server:
                  trusted_proxies: [10.0.0.0/8, "2001:db8::/32", 127.0.0.1]
                  proxy_protocol: true
                  visitors:
                    set_cookie: true
                    cookie: __Host-v
                    max_age: 30d
                    secure: true
                    unique_window: 12h
                    unique_capacity: 4194304
                """);
        ServerConfig server = config.load().server();
        assertEquals(CidrSet.of(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32"),
                Cidr.parse("127.0.0.1/32"))), server.trustedProxies());
        assertTrue(server.proxyProtocol());
        assertEquals(new VisitorConfig(true, "__Host-v", 30L * 86_400_000, true, 12 * 3_600_000, 4_194_304),
                server.visitors());
    }

    @Test
    void shouldPointAtEachBadTrustedProxy() {
        config.write("server.yaml", """
                server:
                  trusted_proxies:
                    - 10.0.0.0/8
                    - 10.1.2.3/8
                    - lb.internal
                    - 2001:db8::/129
                """);
        assertEquals(List.of(
                "server.yaml:4:7: trusted_proxies: '10.1.2.3/8' has host bits set: write the network 10.0.0.0/8, "
                        + "or the single address without a prefix",
                "server.yaml:5:7: trusted_proxies: expected an IPv4 or IPv6 address or network such as 10.0.0.0/8 "
                        + "or 2001:db8::/32 (got 'lb.internal')",
                "server.yaml:6:7: trusted_proxies: prefix length must be between 0 and 128 (got '2001:db8::/129')"),
                config.errors());
    }

    @Test
    void shouldRefuseATrustedProxyThatIsNotAList() {
        config.write("server.yaml", "server:\n  trusted_proxies: 10.0.0.0/8\n");
        assertEquals(List.of("server.yaml:2:20: trusted_proxies: expected a list, got '10.0.0.0/8'"), config.errors());
    }

    @Test
    void shouldRefuseBadVisitorSettings() {
        config.write("server.yaml", """
                server:
                  proxy_protocol: maybe
                  visitors:
                    cookie: "my cookie"
                    max_age: 500d
                    unique_window: 30s
                    unique_capacity: 12
                    colour: blue
                """);
        assertEquals(List.of(
                "server.yaml:2:19: proxy_protocol: expected true or false, got 'maybe'",
                "server.yaml:4:13: cookie must be 1 to 64 of A-Z a-z 0-9 _ . - (got 'my cookie')",
                "server.yaml:5:14: max_age must be between 1m and 400d (got 500d)",
                "server.yaml:6:20: unique_window must be between 1m and 366d (got 30s)",
                "server.yaml:7:22: unique_capacity must be between 1024 and 134217728 (got 12)",
                "server.yaml:8:5: unknown key 'colour' in visitors (allowed: set_cookie, cookie, max_age, secure, "
                        + "unique_window, unique_capacity)"),
                config.errors());
    }

    @Test
    void shouldRefuseAPrefixedCookieNameWithoutSecure() {
        config.write("server.yaml", "server:\n  visitors:\n    cookie: __Secure-v\n");
        assertEquals(List.of("server.yaml:3:13: a cookie named __Secure-... is refused by browsers without secure: true"),
                config.errors());
    }
}

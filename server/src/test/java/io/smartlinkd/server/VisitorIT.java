package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.http.ProxyV2;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.JournalFiles;
import io.smartlinkd.net.IpAddresses;
import io.smartlinkd.visitor.Visitor;
import io.smartlinkd.visitor.VisitorTracking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client address and visitors against real servers: X-Forwarded-For through trusted proxies only, PROXY protocol
 * v1/v2 on a listener that requires it, the visitor cookie, and unique clicks as journaled. Each test runs its own
 * server and reads its journal after a graceful stop.
 */
@Timeout(60)
class VisitorIT {
    private static final String SECRET = "visitor-it-secret-0123456789";
    private static final String DOMAINS_AND_LINKS = """
            domains:
              - host: go.example.com
                aliases: [localhost]
            links:
              - slug: promo
                destination: https://shop.example.com/promo
              - slug: other
                destination: https://shop.example.com/other
            """;
    private static final String UA = "User-Agent: Mozilla/5.0 (X11; Linux x86_64) visitor-it\r\n";

    @TempDir
    Path root;

    private TestServer start(String serverSection) throws Exception {
        return TestServer.start(root, "server.yaml", "server:\n  drain: 0s\n  click_id_key: " + SECRET + "\n"
                + serverSection, "links.yaml", DOMAINS_AND_LINKS);
    }

    private static String request(String method, String path, String headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: go.example.com\r\n" + UA + headers + "\r\n";
    }

    /** Sends on a fresh connection and reads one response. */
    private static String send(TestServer server, String bytes) throws Exception {
        try (RawHttp http = new RawHttp(server.server.publicPort())) {
            return http.send(bytes).readResponse(bytes.startsWith("HEAD") || bytes.contains("\r\nHEAD "));
        }
    }

    /** The journaled clicks after a graceful stop: client address as kept, and the unique flag. */
    private static List<JournalFiles.Record> stopAndRead(TestServer server) throws Exception {
        server.close();
        return JournalFiles.clicks(server.dataDir.resolve("journal"));
    }

    private static String recordedIp(JournalFiles.Record click) {
        byte[] payload = click.payload();
        int form = payload[ClickLayout.IP_FORM];
        byte[] ip = new byte[16];
        System.arraycopy(payload, ClickLayout.IP, ip, 0, 16);
        return form == 1 ? IpAddresses.format(ip, 4) : form == 2 ? IpAddresses.format(ip, 16) : "none";
    }

    private static boolean unique(JournalFiles.Record click) {
        return (click.payload()[ClickLayout.FLAGS] & ClickLayout.FLAG_UNIQUE) != 0;
    }

    private static String cookie(String response) {
        String header = RawHttp.header(response, "Set-Cookie");
        return header == null ? null : header.substring("slv=".length(), header.indexOf(';'));
    }

    private static int visits(String cookie) {
        Visitor reader = new VisitorTracking(VisitorConfig.DEFAULTS, ClickIdKey.fromSecret(SECRET), 0).newVisitor();
        reader.begin("slv=" + cookie, null, null, false);
        return reader.returning() ? reader.visitCount() - 1 : -1;
    }

    @Test
    void shouldBelieveForwardedForOnlyFromATrustedPeer() throws Exception {
        TestServer trusting = start("  trusted_proxies: [127.0.0.1, \"::1\"]\n");
        send(trusting, request("GET", "/promo", "X-Forwarded-For: 198.51.100.7\r\n"));
        send(trusting, request("GET", "/promo", "X-Forwarded-For: 6.6.6.6, 203.0.113.9\r\n"));
        send(trusting, request("GET", "/promo", "X-Forwarded-For: 6.6.6.6\r\nX-Forwarded-For: 192.0.2.44\r\n"));
        send(trusting, request("GET", "/promo", "X-Forwarded-For: 192.0.2.50, 127.0.0.1\r\n"));
        send(trusting, request("GET", "/promo", "X-Forwarded-For: [2001:db8:aa:bb::1]:443\r\n"));
        send(trusting, request("GET", "/promo", "X-Forwarded-For: 6.6.6.6, unknown\r\n"));
        List<String> seen = new ArrayList<>();
        for (JournalFiles.Record click : stopAndRead(trusting)) {
            seen.add(recordedIp(click));
        }
        assertEquals(List.of("198.51.100.0", "203.0.113.0", "192.0.2.0", "192.0.2.0", "2001:db8:aa::", "127.0.0.0"),
                seen);
    }

    @Test
    void shouldIgnoreForwardedForFromAnUntrustedPeer() throws Exception {
        TestServer untrusting = start("  trusted_proxies: [10.0.0.0/8]\n");
        send(untrusting, request("GET", "/promo", "X-Forwarded-For: 198.51.100.7\r\n"));
        List<JournalFiles.Record> clicks = stopAndRead(untrusting);
        assertEquals(1, clicks.size());
        assertEquals("127.0.0.0", recordedIp(clicks.get(0)));
    }

    @Test
    void shouldTakeTheClientFromProxyProtocolV1AndV2() throws Exception {
        TestServer server = start("  proxy_protocol: true\n  trusted_proxies: [10.0.0.0/8]\n");
        String plain = request("GET", "/promo", "X-Forwarded-For: 6.6.6.6\r\n");
        String v1 = send(server, "PROXY TCP4 198.51.100.7 192.0.2.1 40000 80\r\n" + plain);
        assertEquals(302, RawHttp.status(v1));
        send(server, "PROXY TCP6 2001:db8:1:2::9 2001:db8::1 40000 80\r\n" + plain);
        byte[] v2v4 = ProxyV2.tcp4(new byte[] {(byte) 203, 0, 113, 70}, new byte[] {10, 0, 0, 1}, 40000, 80);
        assertEquals(302, RawHttp.status(send(server, latin1(v2v4) + plain)));
        byte[] v6 = new byte[16];
        IpAddresses.parse("2001:db8:77:1::5", v6);
        byte[] v2v6 = ProxyV2.tcp6(v6, new byte[16], 40000, 443);
        assertEquals(302, RawHttp.status(send(server, latin1(v2v6) + plain)));
        // A balancer's own address is trusted: its X-Forwarded-For names the client.
        send(server, "PROXY TCP4 10.1.2.3 192.0.2.1 40000 80\r\n"
                + request("GET", "/promo", "X-Forwarded-For: 192.0.2.99\r\n"));
        assertEquals(302, RawHttp.status(send(server, latin1(ProxyV2.local()) + plain)));
        List<String> seen = new ArrayList<>();
        for (JournalFiles.Record click : stopAndRead(server)) {
            seen.add(recordedIp(click));
        }
        assertEquals(List.of("198.51.100.0", "2001:db8:1::", "203.0.113.0", "2001:db8:77::", "192.0.2.0",
                "127.0.0.0"), seen);
    }

    @Test
    void shouldCloseConnectionsWithoutAValidProxyHeader() throws Exception {
        try (TestServer server = start("  proxy_protocol: true\n")) {
            for (String start : new String[] {request("GET", "/promo", ""), "PROXY TCP4 198.51.100.7\r\n",
                    "PROXY TCP4 999.1.1.1 192.0.2.1 1 2\r\n" + request("GET", "/promo", ""),
                    latin1(new byte[] {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A, 0x21,
                        0x11, 0x00, 0x02, 1, 2})}) {
                try (RawHttp http = new RawHttp(server.server.publicPort())) {
                    http.send(start);
                    assertTrue(http.closedByServer(), start);
                }
            }
            String metrics = server.adminGet("/metrics").body();
            assertTrue(metrics.contains("smartlinkd_proxy_protocol_refused_total 4"), metrics);
            assertEquals(0, server.server.state().journal().recordsWritten(), "nothing was answered or journaled");
        }
    }

    @Test
    void shouldIssueTheCookieAndCountVisitsAndUniqueClicks() throws Exception {
        TestServer server = start("");
        String first = send(server, request("GET", "/promo", ""));
        String cookie1 = cookie(first);
        assertNotNull(cookie1, first);
        assertTrue(RawHttp.header(first, "Set-Cookie").endsWith("; Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax"));
        assertEquals(1, visits(cookie1));
        String cookie2 = cookie(send(server, request("GET", "/promo", "Cookie: slv=" + cookie1 + "\r\n")));
        assertEquals(2, visits(cookie2));
        String cookie3 = cookie(send(server, request("GET", "/other", "Cookie: a=b; slv=" + cookie2 + "\r\n")));
        assertEquals(3, visits(cookie3));
        String head = send(server, request("HEAD", "/promo", "Cookie: slv=" + cookie3 + "\r\n"));
        assertEquals(302, RawHttp.status(head));
        assertNull(RawHttp.header(head, "Set-Cookie"), "HEAD is not a visit");
        // Without the cookie, the address and agent of the first (cookieless) click on /promo make it a repeat.
        assertNotNull(cookie(send(server, request("GET", "/promo", ""))));
        String forged = cookie3.substring(0, 27) + (cookie3.charAt(27) == 'A' ? 'B' : 'A');
        String anew = cookie(send(server, request("GET", "/promo", "Cookie: slv=" + forged + "\r\n")));
        assertEquals(1, visits(anew), "a forged cookie is ignored");

        List<Boolean> uniques = new ArrayList<>();
        for (JournalFiles.Record click : stopAndRead(server)) {
            uniques.add(unique(click));
        }
        assertEquals(List.of(true, false, true, false, false, false), uniques);
    }

    @Test
    void shouldSetTheConfiguredCookieOrNone() throws Exception {
        try (TestServer server = start("  visitors: { cookie: __Host-v, max_age: 30d, secure: true }\n")) {
            String response = send(server, request("GET", "/promo", ""));
            String header = RawHttp.header(response, "Set-Cookie");
            assertTrue(header.matches("__Host-v=[A-Za-z0-9_-]{28}; Path=/; Max-Age=2592000; HttpOnly; SameSite=Lax; "
                    + "Secure"), header);
        }
    }

    @Test
    void shouldSetNoCookieWhenTurnedOff() throws Exception {
        TestServer server = start("  visitors: { set_cookie: false, unique_window: 1h }\n");
        assertNull(RawHttp.header(send(server, request("GET", "/promo", "")), "Set-Cookie"));
        assertNull(RawHttp.header(send(server, request("GET", "/promo", "")), "Set-Cookie"));
        List<Boolean> uniques = new ArrayList<>();
        for (JournalFiles.Record click : stopAndRead(server)) {
            uniques.add(unique(click));
        }
        assertEquals(List.of(true, false), uniques, "unique by address and agent");
        assertFalse(uniques.isEmpty());
    }

    private static String latin1(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}

package io.smartlinkd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.config.Limits;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.journal.ClickJournal;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.net.IpAddresses;
import io.smartlinkd.visitor.Visitor;
import io.smartlinkd.visitor.VisitorTracking;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Client address, PROXY protocol and visitor cookie through the real pipeline on EmbeddedChannels. Each channel
 * brings its own event loop and so its own loop context, whose {@code client} shows the address the request got.
 */
@Timeout(30)
class VisitorPipelineTest {
    private static final ClickIdKey KEY = ClickIdKey.fromSecret("pipeline-test-secret-0123456789");
    private static final Pattern SET_COOKIE =
            Pattern.compile("\r\nSet-Cookie: slv=([A-Za-z0-9_-]{28}); Path=/; Max-Age=31536000; HttpOnly; SameSite=Lax\r\n");

    @TempDir
    static Path dir;
    static LinkSet linkSet;
    static ClickJournal journal;
    static ServerState plain;
    static ServerState proxied;

    @BeforeAll
    static void compile() throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("all.yaml"), """
                domains:
                  - host: go.example.com
                links:
                  - slug: promo
                    destination: https://shop.example.com/p
                """);
        Config parsed = ConfigLoader.load(config);
        CompiledLinkSet compiled = LinkSetCompiler.compile(parsed, null, 0);
        linkSet = new LinkSet(parsed, compiled.domains(), compiled.partners(),
                LinkTable.openOrBuild(dir.resolve("links"), compiled.entries()),
                compiled.routing().table().router(io.smartlinkd.routing.CapCounters.inMemory()), 1);
        journal = ClickJournal.open(dir.resolve("journal"), 3, JournalConfig.DEFAULTS);
        Limits limits = new Limits(1024, 8192, 10_000, 60_000);
        CidrSet trusted = CidrSet.of(List.of(Cidr.parse("10.0.0.0/8")));
        plain = new ServerState(3, KEY, limits, false, journal, JournalConfig.IpPrivacy.TRUNCATE, trusted, false,
                VisitorConfig.DEFAULTS);
        proxied = new ServerState(3, KEY, limits, false, journal, JournalConfig.IpPrivacy.TRUNCATE, trusted, true,
                VisitorConfig.DEFAULTS);
        for (ServerState server : List.of(plain, proxied)) {
            server.swap(linkSet);
            server.startAccepting();
        }
    }

    @AfterAll
    static void close() {
        journal.close();
        linkSet.links().close();
    }

    private static String exchange(EmbeddedChannel channel, byte[] bytes) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes));
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    private static String exchange(EmbeddedChannel channel, String text) {
        return exchange(channel, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static String click(String extraHeaders) {
        // A browser's user agent: bots get no cookie.
        return "GET /promo HTTP/1.1\r\nHost: go.example.com\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n"
                + extraHeaders + "\r\n";
    }

    private static String clientOf(ServerState server, EmbeddedChannel channel) {
        LoopContext loop = server.loop(channel.eventLoop());
        return IpAddresses.format(loop.client.ip(), loop.client.length());
    }

    private static int visitsIn(String cookie) {
        Visitor reader = new VisitorTracking(VisitorConfig.DEFAULTS, KEY, 0).newVisitor();
        reader.begin("slv=" + cookie, null, null, false);
        return reader.returning() ? reader.visitCount() - 1 : -1;
    }

    private static String cookieOf(String response) {
        Matcher matcher = SET_COOKIE.matcher(response);
        return matcher.find() ? matcher.group(1) : null;
    }

    @Test
    void shouldIssueACookieAndCountVisitsOnOneConnection() {
        EmbeddedChannel channel = new EmbeddedChannel(new PublicChannelInitializer(plain));
        String first = cookieOf(exchange(channel, click("")));
        assertEquals(1, visitsIn(first));
        String second = cookieOf(exchange(channel, click("Cookie: theme=dark; slv=" + first + "\r\n")));
        assertEquals(2, visitsIn(second));
        String third = cookieOf(exchange(channel, click("Cookie: slv=" + second + "\r\n")));
        assertEquals(3, visitsIn(third));
        String forged = cookieOf(exchange(channel, click("Cookie: slv=" + third.substring(1) + "A\r\n")));
        assertEquals(1, visitsIn(forged), "a forged cookie starts a new visitor");
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldSetNoCookieOnHeadOrForUnknownLinks() {
        EmbeddedChannel channel = new EmbeddedChannel(new PublicChannelInitializer(plain));
        String head = exchange(channel, "HEAD /promo HTTP/1.1\r\nHost: go.example.com\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 302 "), head);
        assertFalse(head.contains("Set-Cookie"), head);
        String missing = exchange(channel, "GET /nothing HTTP/1.1\r\nHost: go.example.com\r\n\r\n");
        assertTrue(missing.startsWith("HTTP/1.1 404 "), missing);
        assertFalse(missing.contains("Set-Cookie"), missing);
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldTakeTheClientFromAProxyV1HeaderAndWalkForwardedForOnlyFromATrustedOne() {
        EmbeddedChannel direct = new EmbeddedChannel(new PublicChannelInitializer(proxied));
        String response = exchange(direct, "PROXY TCP4 198.51.100.7 192.0.2.1 40000 80\r\n"
                + click("X-Forwarded-For: 6.6.6.6\r\n"));
        assertTrue(response.startsWith("HTTP/1.1 302 "), response);
        assertEquals("198.51.100.7", clientOf(proxied, direct), "an untrusted source: its X-Forwarded-For is ignored");
        direct.finishAndReleaseAll();

        EmbeddedChannel viaProxy = new EmbeddedChannel(new PublicChannelInitializer(proxied));
        exchange(viaProxy, "PROXY TCP6 2001:db8::1 2001:db8::2 40000 80\r\n"
                + click("X-Forwarded-For: 6.6.6.6, 10.1.1.1\r\nX-Forwarded-For: 198.51.100.8\r\n"));
        assertEquals("2001:db8::1", clientOf(proxied, viaProxy));
        viaProxy.finishAndReleaseAll();

        EmbeddedChannel trustedSource = new EmbeddedChannel(new PublicChannelInitializer(proxied));
        exchange(trustedSource, "PROXY TCP4 10.0.0.5 192.0.2.1 40000 80\r\n"
                + click("X-Forwarded-For: 6.6.6.6, 10.1.1.1\r\nX-Forwarded-For: 198.51.100.8, 10.2.2.2\r\n"));
        assertEquals("198.51.100.8", clientOf(proxied, trustedSource), "the last line is our proxy's");
        exchange(trustedSource, click(""));
        assertEquals("10.0.0.5", clientOf(proxied, trustedSource), "per request, not per connection");
        trustedSource.finishAndReleaseAll();
    }

    @Test
    void shouldTakeTheClientFromAProxyV2HeaderAndKeepThePeerForLocal() {
        EmbeddedChannel channel = new EmbeddedChannel(new PublicChannelInitializer(proxied));
        byte[] header = ProxyV2.tcp4(new byte[] {(byte) 203, 0, 113, 9}, new byte[] {10, 0, 0, 1}, 40000, 80);
        String response = exchange(channel, concat(header, click("").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(response.startsWith("HTTP/1.1 302 "), response);
        assertEquals("203.0.113.9", clientOf(proxied, channel));
        channel.finishAndReleaseAll();

        EmbeddedChannel local = new EmbeddedChannel(new PublicChannelInitializer(proxied));
        response = exchange(local, concat(ProxyV2.local(), click("").getBytes(StandardCharsets.US_ASCII)));
        assertTrue(response.startsWith("HTTP/1.1 302 "), response);
        assertEquals(0, proxied.loop(local.eventLoop()).client.length(), "LOCAL keeps the (here unknown) peer");
        local.finishAndReleaseAll();
    }

    @Test
    void shouldCloseWithoutAnswerOnAMissingOrMalformedProxyHeader() {
        for (String start : new String[] {click(""), "PROXY TCP4 not-an-ip 192.0.2.1 1 2\r\n" + click(""),
                "PROXY TCP9 1.2.3.4 5.6.7.8 1 2\r\n", "PROXY " + "x".repeat(200) + "\r\n"}) {
            long before = proxied.proxyHeadersRefused();
            EmbeddedChannel channel = new EmbeddedChannel(new PublicChannelInitializer(proxied));
            String response = exchange(channel, start);
            channel.runPendingTasks();
            assertEquals("", response, start);
            assertFalse(channel.isOpen(), start);
            assertEquals(before + 1, proxied.proxyHeadersRefused(), start);
            assertNull(channel.readOutbound());
            channel.finishAndReleaseAll();
        }
    }

    @Test
    void shouldSurviveHostileCookieAndForwardedForHeaders() {
        Random random = new Random(7);
        // No NUL or CR/LF here: the HTTP decoder refuses those (tested elsewhere) and closes the connection.
        String alphabet = "aZ09=;,\"[]:. \t-_%\u0085\u00ff";
        EmbeddedChannel channel = new EmbeddedChannel(new PublicChannelInitializer(proxied));
        exchange(channel, "PROXY TCP4 10.0.0.5 192.0.2.1 40000 80\r\n");
        int redirects = 0;
        for (int i = 0; i < 2_000; i++) {
            StringBuilder cookie = new StringBuilder("slv=");
            StringBuilder forwarded = new StringBuilder();
            for (int j = random.nextInt(60); j > 0; j--) {
                cookie.append(alphabet.charAt(random.nextInt(alphabet.length())));
                forwarded.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String response = exchange(channel, click("Cookie: " + cookie + "\r\nX-Forwarded-For: " + forwarded
                    + "\r\n"));
            assertTrue(channel.isOpen(), response);
            redirects += response.startsWith("HTTP/1.1 302 ") ? 1 : 0;
            String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
            for (String line : head.split("\r\n")) {
                assertTrue(line.startsWith("HTTP/1.1 ") || line.equals("Location: https://shop.example.com/p")
                        || line.startsWith("Cache-Control: ") || line.startsWith("Content-Length: ")
                        || line.startsWith("Content-Type: ") || line.startsWith("Date: ")
                        || line.startsWith("Connection: ")
                        || line.matches("Set-Cookie: slv=[A-Za-z0-9_-]{28}; Path=/; Max-Age=31536000; HttpOnly; "
                                + "SameSite=Lax"), "unexpected header line: " + line);
            }
        }
        assertTrue(redirects > 1_000, "only " + redirects + " hostile requests reached the redirect");
        channel.finishAndReleaseAll();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}

package io.smartlinkd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.config.Limits;
import io.smartlinkd.journal.ClickJournal;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.routing.CapCounters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The click pipeline through an EmbeddedChannel: no sockets, exact bytes in and out. */
@Timeout(30)
class ClickHandlerTest {
    @TempDir
    static Path dir;
    static ServerState server;
    static LinkSet linkSet;
    static ClickJournal journal;

    @BeforeAll
    static void compile() throws Exception {
        Path config = dir.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("all.yaml"), """
                domains:
                  - host: go.example.com
                partners:
                  - id: anna
                links:
                  - slug: promo
                    destination: https://shop.example.com/p?s={sub1}&p={partner}
                """);
        Config parsed = ConfigLoader.load(config);
        CompiledLinkSet compiled = LinkSetCompiler.compile(parsed, null, 0);
        linkSet = new LinkSet(parsed, compiled.domains(), compiled.partners(),
                LinkTable.openOrBuild(dir.resolve("links"), compiled.entries()),
                compiled.routing().table().router(CapCounters.inMemory()), 1);
        journal = ClickJournal.open(dir.resolve("journal"), 3, JournalConfig.DEFAULTS);
        server = new ServerState(3, ClickIdKey.fromSecret("a-test-secret-of-enough-length"),
                new Limits(256, 1024, 10_000, 60_000), false, journal, JournalConfig.IpPrivacy.TRUNCATE);
        server.swap(linkSet);
        server.startAccepting();
    }

    @AfterAll
    static void close() {
        journal.close();
        linkSet.links().close();
    }

    private static String exchange(EmbeddedChannel channel, String request) {
        channel.writeInbound(Unpooled.copiedBuffer(request, StandardCharsets.ISO_8859_1));
        StringBuilder out = new StringBuilder();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            out.append(buf.toString(StandardCharsets.ISO_8859_1));
            buf.release();
        }
        return out.toString();
    }

    /** The real initializer: each EmbeddedChannel brings its own event loop, hence its own loop context. */
    private static EmbeddedChannel channel() {
        return new EmbeddedChannel(new PublicChannelInitializer(server));
    }

    /**
     * The same pipeline sharing one loop context, for tests that open thousands of channels (a server has at most
     * 256 event loops, so it refuses more loop contexts).
     */
    private static EmbeddedChannel sharedLoopChannel() {
        EmbeddedChannel channel = new EmbeddedChannel();
        if (sharedLoop == null) {
            sharedLoop = server.loop(channel.eventLoop());
        }
        ConnectionState connection = new ConnectionState(channel, System.nanoTime());
        channel.pipeline().addLast(new SlowClientGuard(connection),
                new ClickRequestDecoder(sharedLoop.request, 256, 1024,
                        new HttpDecoderConfig().setMaxInitialLineLength(256).setMaxHeaderSize(1024)),
                new ClickHandler(server, sharedLoop, connection));
        return channel;
    }

    private static LoopContext sharedLoop;

    @Test
    void shouldWriteTheRedirectAsOneResponseWithExactHeaders() {
        EmbeddedChannel channel = channel();
        String response = exchange(channel, "GET /promo/anna?sub1=x%0d%0aSet-Cookie:a HTTP/1.1\r\n"
                + "Host: go.example.com\r\nUser-Agent: Mozilla/5.0 (X11; Linux x86_64)\r\n\r\n");
        String[] lines = response.split("\r\n", -1);
        assertEquals("HTTP/1.1 302 Found", lines[0]);
        assertEquals("Location: https://shop.example.com/p?s=x%0D%0ASet-Cookie%3Aa&p=anna", lines[1]);
        assertEquals("Cache-Control: private, no-store", lines[2]);
        assertEquals("Content-Length: 0", lines[3]);
        assertTrue(lines[4].matches("Set-Cookie: slv=[A-Za-z0-9_-]{28}; Path=/; Max-Age=31536000; HttpOnly; "
                + "SameSite=Lax"), lines[4]);
        assertTrue(lines[5].startsWith("Date: "));
        assertEquals("", lines[6]);
        assertTrue(channel.isOpen());
        assertFalse(channel.finish());
    }

    @Test
    void shouldNeverEmitAHeaderLineFromHostileInput() {
        Random random = new Random(42);
        String alphabet = "aZ09%&=?#/\\@:;+ \t\r\n\u0000\u0085\u00ff{}";
        int redirects = 0;
        for (int i = 0; i < 2_000; i++) {
            StringBuilder query = new StringBuilder();
            for (int j = random.nextInt(40); j > 0; j--) {
                query.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            EmbeddedChannel channel = sharedLoopChannel();
            String response = exchange(channel, "GET /promo?sub1=" + query + " HTTP/1.1\r\nHost: go.example.com\r\n\r\n");
            redirects += response.startsWith("HTTP/1.1 302 ") ? 1 : 0;
            String head = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n")));
            for (String line : head.split("\r\n")) {
                assertTrue(line.startsWith("HTTP/1.1 ") || line.startsWith("Location: https://shop.example.com/p?s=")
                        || line.startsWith("Cache-Control: ") || line.startsWith("Content-Length: ")
                        || line.startsWith("Content-Type: ") || line.startsWith("Date: ")
                        || line.startsWith("Set-Cookie: slv=")
                        || line.startsWith("Connection: "), "unexpected header line: " + line);
                for (char c : line.toCharArray()) {
                    assertTrue(c >= 0x20 && c < 0x7F, "control or non-ASCII byte in: " + line);
                }
            }
            channel.finishAndReleaseAll();
        }
        assertTrue(redirects > 200, "only " + redirects + " hostile queries reached the redirect");
    }

    @Test
    void shouldCountOutcomes() {
        long before = server.count(ClickOutcome.NOT_FOUND);
        EmbeddedChannel channel = channel();
        String response = exchange(channel, "GET /missing HTTP/1.1\r\nHost: go.example.com\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 404 Not Found\r\n"), response);
        assertEquals(before + 1, server.count(ClickOutcome.NOT_FOUND));
        channel.finishAndReleaseAll();
    }

    @Test
    void shouldCloseAfterAMalformedRequest() {
        EmbeddedChannel channel = channel();
        String response = exchange(channel, "GET /promo HTTP/1.1\r\nHost go.example.com\r\n\r\n");
        assertTrue(response.startsWith("HTTP/1.1 400 Bad Request\r\n"), response);
        assertTrue(response.contains("Connection: close\r\n"));
        channel.runPendingTasks();
        assertFalse(channel.isOpen());
        assertNull(channel.readOutbound());
    }
}

package io.smartlinkd.http;

import io.smartlinkd.testing.AllocationCounter;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ResourceLeakDetector;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.smartlinkd.agent.BotRules;
import io.smartlinkd.agent.UserAgentClassifier;
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
import io.smartlinkd.routing.CapCounters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A click through the real public pipeline (PROXY header, request head decoder, click handler: client address
 * through a trusted balancer, visitor cookie, user agent from the classifier's cache, link lookup, click id,
 * journal, redirect bytes) allocates nothing on the event loop's thread once warm. As live: the clicks run on a
 * {@link FastThreadLocalThread} (Netty keeps buffer caches and recyclers for those only), request and response
 * buffers are pooled, the user agent was seen before.
 */
@Timeout(120)
class ClickPipelineAllocationTest {
    private static final int CLICKS = 10_000;
    private static final String USER_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)";

    @TempDir
    Path dir;

    @Test
    void shouldAllocateNothingPerClickThroughThePipelineOnceWarm() throws Exception {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();

        Path config = Files.createDirectories(dir.resolve("config"));
        Files.writeString(config.resolve("all.yaml"), """
                domains:
                  - host: go.example.com
                partners:
                  - id: anna
                links:
                  - slug: promo
                    destination: https://shop.example.com/p?s={sub1}&p={partner}&c={click_id}
                """);
        Config parsed = ConfigLoader.load(config);
        CompiledLinkSet compiled = LinkSetCompiler.compile(parsed, null, 0);
        LinkSet links = new LinkSet(parsed, compiled.domains(), compiled.partners(),
                LinkTable.openOrBuild(dir.resolve("links"), compiled.entries()),
                compiled.routing().table().router(CapCounters.inMemory()), 1);
        ClickJournal journal = ClickJournal.open(dir.resolve("journal"), 1, JournalConfig.DEFAULTS);
        // Tests run with paranoid leak detection, which records a stack trace for every buffer: not what runs live.
        ResourceLeakDetector.Level leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        UserAgentClassifier userAgents = new UserAgentClassifier(BotRules.builtIn(), 1024);
        try {
            userAgents.start();
            while (!UserAgentClassifier.isFinal(userAgents.classify(USER_AGENT))) {
                Thread.sleep(10);
            }
            ServerState server = new ServerState(1, ClickIdKey.fromSecret("allocation-secret-0123456789"),
                    Limits.DEFAULTS, false, journal, JournalConfig.IpPrivacy.TRUNCATE,
                    CidrSet.of(List.of(Cidr.parse("10.0.0.0/8"))), true, VisitorConfig.DEFAULTS,
                    new Classifiers(null, userAgents));
            server.swap(links);
            server.startAccepting();
            EmbeddedChannel channel = new EmbeddedChannel(new PublicChannelInitializer(server));
            channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
            channel.writeInbound(Unpooled.copiedBuffer("PROXY TCP4 10.0.0.1 10.0.0.2 40000 80\r\n",
                    StandardCharsets.US_ASCII));
            String cookie = firstCookie(channel);
            ByteBuf request = PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(
                    ("GET /promo/anna?sub1=abc HTTP/1.1\r\nHost: go.example.com\r\nUser-Agent: " + USER_AGENT
                            + "\r\nAccept: */*\r\nCookie: _ga=GA1.2.1234; slv=" + cookie + "\r\n"
                            + "X-Forwarded-For: 6.6.6.6, 198.51.100.23, 10.1.2.3\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));

            AtomicLong fewest = new AtomicLong(Long.MAX_VALUE);
            AtomicLong sink = new AtomicLong();
            Thread loop = new FastThreadLocalThread(() -> {
                long bytes = clickMany(channel, request); // warm up: interpreter, C1, C2
                for (int i = 0; i < 10; i++) {
                    bytes += clickMany(channel, request);
                }
                for (int attempt = 0; attempt < 5; attempt++) {
                    long before = counter.getCurrentThreadAllocatedBytes();
                    bytes += clickMany(channel, request);
                    fewest.set(Math.min(fewest.get(), counter.getCurrentThreadAllocatedBytes() - before));
                }
                sink.set(bytes);
            }, "click-loop");
            loop.start();
            loop.join();
            request.release();
            channel.finishAndReleaseAll();
            assertTrue(sink.get() > 0, "the clicks ran");
            assertTrue(fewest.get() < 1024, "allocated " + fewest.get() + " bytes for " + CLICKS + " clicks");
        } finally {
            ResourceLeakDetector.setLevel(leakDetection);
            userAgents.close();
            journal.close();
            links.links().close();
        }
    }

    /** Clicks as a socket read would deliver them: one buffer, one read, one read-complete (the flush). */
    private static long clickMany(EmbeddedChannel channel, ByteBuf request) {
        ChannelPipeline pipeline = channel.pipeline();
        long sink = 0;
        for (int i = 0; i < CLICKS; i++) {
            pipeline.fireChannelRead(request.retainedDuplicate());
            pipeline.fireChannelReadComplete();
            ByteBuf response = channel.readOutbound();
            sink += response.readableBytes();
            response.release();
        }
        return sink;
    }

    private static String firstCookie(EmbeddedChannel channel) {
        channel.writeInbound(Unpooled.copiedBuffer("GET /promo HTTP/1.1\r\nHost: go.example.com\r\nUser-Agent: "
                + USER_AGENT + "\r\n\r\n", StandardCharsets.US_ASCII));
        channel.flushOutbound();
        ByteBuf response = channel.readOutbound();
        String text = response.toString(StandardCharsets.US_ASCII);
        response.release();
        assertTrue(text.startsWith("HTTP/1.1 302 "), text);
        int at = text.indexOf("Set-Cookie: slv=") + "Set-Cookie: slv=".length();
        assertEquals(28, text.indexOf(';', at) - at, text);
        return text.substring(at, text.indexOf(';', at));
    }
}

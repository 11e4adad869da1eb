package io.smartlinkd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.config.Limits;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.journal.ClickJournal;
import io.smartlinkd.http.PublicChannelInitializer;
import io.smartlinkd.http.ServerState;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.routing.CapCounters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One click through the whole public pipeline (decoder, link lookup in Chronicle Map, access check, click id,
 * journal publish, template, response bytes) on an EmbeddedChannel, without sockets. Run:
 * {@code java -jar loadtest/target/benchmarks.jar ClickPipeline -prof gc}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ClickPipelineBenchmark extends ServerJvm {
    @Param({"100000"})
    int links;

    /**
     * {@code new}: every click a new visitor (a cookie is issued); {@code returning}: a valid visitor cookie;
     * {@code proxied}: returning, on a connection from a trusted balancer (PROXY header) with a 3-hop
     * {@code X-Forwarded-For}.
     */
    @Param({"new", "returning", "proxied"})
    String visitor;

    private Path dir;
    private LinkSet linkSet;
    private ClickJournal journal;
    private EmbeddedChannel channel;
    private ByteBuf[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory("smartlinkd-bench");
        Path config = Files.createDirectories(dir.resolve("config"));
        StringBuilder yaml = new StringBuilder("""
                domains:
                  - host: go.example.com
                partners:
                  - id: anna
                    utm: { source: anna }
                links:
                """);
        for (int i = 0; i < links; i++) {
            yaml.append("  - slug: l").append(i).append('\n')
                    .append("    destination: https://shop.example.com/p/").append(i)
                    .append("?ref={partner}&s={sub1}&c={click_id}\n");
        }
        Files.writeString(config.resolve("links.yaml"), yaml);
        Config parsed = ConfigLoader.load(config);
        CompiledLinkSet compiled = LinkSetCompiler.compile(parsed, null, 0);
        linkSet = new LinkSet(parsed, compiled.domains(), compiled.partners(),
                LinkTable.openOrBuild(dir.resolve("links"), compiled.entries()),
                compiled.routing().table().router(CapCounters.inMemory()), 1);
        journal = ClickJournal.open(dir.resolve("journal"), 1, JournalConfig.DEFAULTS);
        boolean proxied = visitor.equals("proxied");
        ServerState server = new ServerState(1, ClickIdKey.fromSecret("benchmark-secret-0123456789"),
                Limits.DEFAULTS, false, journal, JournalConfig.IpPrivacy.TRUNCATE,
                CidrSet.of(List.of(Cidr.parse("10.0.0.0/8"))), proxied, VisitorConfig.DEFAULTS);
        server.swap(linkSet);
        server.startAccepting();
        channel = new EmbeddedChannel(new PublicChannelInitializer(server));
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        if (proxied) {
            channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer("PROXY TCP4 10.0.0.1 10.0.0.2 40000 80\r\n",
                    StandardCharsets.US_ASCII));
        }
        requests = new ByteBuf[1024];
        java.util.Random random = new java.util.Random(7);
        String extraHeaders = visitor.equals("new") ? ""
                : "Cookie: _ga=GA1.2.1234; slv=" + visitorCookie() + "\r\n";
        if (proxied) {
            extraHeaders += "X-Forwarded-For: 6.6.6.6, 198.51.100.23, 10.1.2.3\r\n";
        }
        for (int i = 0; i < requests.length; i++) {
            String request = "GET /l" + random.nextInt(links) + "/anna?sub1=abc HTTP/1.1\r\n"
                    + "Host: go.example.com\r\nUser-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)\r\n"
                    + "Accept: */*\r\n" + extraHeaders + "\r\n";
            requests[i] = PooledByteBufAllocator.DEFAULT.directBuffer()
                    .writeBytes(request.getBytes(StandardCharsets.US_ASCII));
        }
    }

    /** The visitor cookie value the pipeline issues for a first click. */
    private String visitorCookie() {
        channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(
                "GET /l0 HTTP/1.1\r\nHost: go.example.com\r\n\r\n", StandardCharsets.US_ASCII));
        channel.flushOutbound();
        ByteBuf response = channel.readOutbound();
        String text = response.toString(StandardCharsets.US_ASCII);
        response.release();
        int at = text.indexOf("Set-Cookie: slv=") + "Set-Cookie: slv=".length();
        return text.substring(at, text.indexOf(';', at));
    }

    @Benchmark
    public int click() {
        ByteBuf request = requests[next++ & (requests.length - 1)];
        channel.writeInbound(request.retainedDuplicate());
        channel.flushOutbound();
        ByteBuf response = channel.readOutbound();
        int bytes = response.readableBytes();
        response.release();
        return bytes;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        channel.finishAndReleaseAll();
        for (ByteBuf request : requests) {
            request.release();
        }
        journal.close();
        linkSet.links().close();
        BenchFiles.delete(dir);
    }
}

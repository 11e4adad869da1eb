package io.smartlinkd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.smartlinkd.agent.UserAgentClassifier;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.config.Limits;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.http.PublicChannelInitializer;
import io.smartlinkd.http.ServerState;
import io.smartlinkd.journal.ClickJournal;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.loadgen.MixFiles;
import io.smartlinkd.loadgen.RequestMix;
import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.routing.CapCounters;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One click through the whole public pipeline (decoder, client address, visitor, link lookup in Chronicle Map,
 * access check, routing, code, click id, journal publish, template, response bytes) on an EmbeddedChannel, without
 * sockets. {@code pipeline}:
 * <ul>
 *   <li>{@code plain}: {@code links} plain links (one destination each), the server state built by hand without a
 *       country database or user-agent classifier, one request shape with one user agent;</li>
 *   <li>{@code full}: a real server ({@link PipelineServer}) on the closed-loop benchmarks' config
 *       ({@link PipelineConfig}: country database, six rules ending in a capped offer pool, every tenth link
 *       coded) and {@value #MIX_REQUESTS} prepared requests of the load generator's {@link RequestMix}: slugs by
 *       Zipf rank, user agents by traffic weight from the corpus, a random public {@code X-Forwarded-For} from the
 *       trusted loopback proxy, 5 % crawlers, 2 % prefetches, 30 % {@code /slug/partner}, a sub id.</li>
 * </ul>
 * {@code visitor}: {@code new}, no cookie, so every click is a new visitor (a cookie issued, a unique click, a fresh
 * code on a coded link); {@code returning}, a valid visitor cookie (with {@code full}, each request's own, from
 * having made that click once: a repeat click, the code held handed out again); {@code proxied}, returning, on a
 * connection that starts with a PROXY protocol header from a trusted balancer ({@code plain}: with a 3-hop
 * {@code X-Forwarded-For}). Setup makes {@value #WARM_CLICKS} clicks before the first iteration, and with
 * {@code full} first clicks the requests until every user agent is classified and cached, as on a server that has
 * seen its traffic. Run from the repository root:
 * {@code java -jar loadtest/target/benchmarks.jar ClickPipeline -prof gc}.
 */
public class ClickPipelineBenchmark extends SmartlinkdBenchmark {
    private static final int PLAIN_REQUESTS = 1024;
    /** Many distinct visitors (addresses, agents, links), so new-visitor and unique paths run as under load. */
    private static final int MIX_REQUESTS = 1 << 16;
    private static final int WARM_CLICKS = 1 << 17;

    @Param({"100000"})
    int links;

    @Param({"plain", "full"})
    String pipeline;

    @Param({"new", "returning", "proxied"})
    String visitor;

    private Path dir;
    private LinkSet linkSet;
    private ClickJournal journal;
    private PipelineServer server;
    private EmbeddedChannel channel;
    private ByteBuf[] requests;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        if (pipeline.equals("full")) {
            setUpFull();
        } else {
            setUpPlain();
        }
        // A fixed amount of work for the JIT before any timing: on a shared 2-core machine the compiler threads
        // get little time, and the short development settings (-wi 2 -w 1) would otherwise time half-compiled code.
        for (int i = 0; i < WARM_CLICKS; i++) {
            respond(requests[i & (requests.length - 1)]);
        }
    }

    private void setUpPlain() throws Exception {
        dir = BenchFiles.tempDir("smartlinkd-bench");
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
        ServerState state = new ServerState(1, ClickIdKey.fromSecret("benchmark-secret-0123456789"),
                Limits.DEFAULTS, false, journal, JournalConfig.IpPrivacy.TRUNCATE,
                CidrSet.of(List.of(Cidr.parse("10.0.0.0/8"))), proxied, VisitorConfig.DEFAULTS);
        state.swap(linkSet);
        state.startAccepting();
        channel = new EmbeddedChannel(new PublicChannelInitializer(state));
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        if (proxied) {
            channel.writeInbound(copied("PROXY TCP4 10.0.0.1 10.0.0.2 40000 80\r\n"));
        }
        requests = new ByteBuf[PLAIN_REQUESTS];
        Random random = new Random(7);
        String extraHeaders = visitor.equals("new") ? ""
                : "Cookie: _ga=GA1.2.1234; slv=" + visitorCookie("GET /l0 HTTP/1.1\r\nHost: go.example.com\r\n\r\n")
                + "\r\n";
        if (proxied) {
            extraHeaders += "X-Forwarded-For: 6.6.6.6, 198.51.100.23, 10.1.2.3\r\n";
        }
        for (int i = 0; i < requests.length; i++) {
            requests[i] = direct("GET /l" + random.nextInt(links) + "/anna?sub1=abc HTTP/1.1\r\n"
                    + "Host: go.example.com\r\nUser-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)\r\n"
                    + "Accept: */*\r\n" + extraHeaders + "\r\n");
        }
    }

    private void setUpFull() throws Exception {
        boolean proxied = visitor.equals("proxied");
        server = PipelineServer.start(links, proxied);
        channel = new LoopbackPeerChannel(new PublicChannelInitializer(server.state()));
        channel.config().setAllocator(PooledByteBufAllocator.DEFAULT);
        if (proxied) {
            channel.writeInbound(copied("PROXY TCP4 127.0.0.1 127.0.0.1 40000 80\r\n"));
        }
        UserAgentCorpus agents = UserAgentCorpus.load();
        RequestMix mix = new RequestMix(new RequestMix.Spec("/", PipelineConfig.HOST,
                MixFiles.readSlugs(server.config().slugs()), 1.0, agents.agents(), agents.weights(),
                List.of("en-US,en;q=0.9", "de-DE,de;q=0.9,en;q=0.8", "fr-FR,fr;q=0.9"), true, 0.05, 0.02,
                List.of(PipelineConfig.PARTNER), 0.3, true, false, 0, 7));
        SplittableRandom draws = new SplittableRandom(7);
        requests = new ByteBuf[MIX_REQUESTS];
        for (int i = 0; i < requests.length; i++) {
            String request = new String(mix.sample(draws), StandardCharsets.ISO_8859_1);
            if (!visitor.equals("new")) {
                String cookie = visitorCookie(request);
                if (cookie != null) {
                    // Before the blank line that ends the headers.
                    request = request.substring(0, request.length() - 2) + "Cookie: slv=" + cookie + "\r\n\r\n";
                }
            }
            requests[i] = direct(request);
        }
        warmUserAgentCache(server.state().classifiers().userAgents());
    }

    /**
     * Clicks every request until a whole pass finds every user agent in the classifier's cache: the steady state
     * of a server that has seen its traffic's agents. Each new one costs a full parse (about a millisecond) on the
     * background thread, thousands of them in the corpus: left to the warm-up iterations, they would compete with
     * the timed clicks for the core.
     */
    private void warmUserAgentCache(UserAgentClassifier agents) throws InterruptedException {
        for (int pass = 0; pass < 50; pass++) {
            long misses = agents.misses();
            for (ByteBuf request : requests) {
                respond(request);
            }
            if (agents.misses() == misses) {
                System.out.printf("%n[pipeline] %,d requests; every user agent cached after %d passes (%,d parsed)%n",
                        requests.length, pass + 1, agents.parsed());
                return;
            }
            // Let the parser catch up: on until it has parsed nothing for a while.
            long parsed;
            do {
                parsed = agents.parsed() + agents.failures();
                Thread.sleep(200);
            } while (agents.parsed() + agents.failures() != parsed);
        }
        throw new IllegalStateException("user agents still missing the cache after 50 passes");
    }

    /** Makes {@code request}'s click and returns the visitor cookie value it was given, or null (a bot's). */
    private String visitorCookie(String request) {
        channel.writeInbound(copied(request));
        channel.flushOutbound();
        ByteBuf response = channel.readOutbound();
        String text = response.toString(StandardCharsets.ISO_8859_1);
        response.release();
        int at = text.indexOf("Set-Cookie: slv=");
        if (at < 0) {
            return null;
        }
        at += "Set-Cookie: slv=".length();
        return text.substring(at, text.indexOf(';', at));
    }

    private static ByteBuf copied(String text) {
        return Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
    }

    private static ByteBuf direct(String request) {
        return PooledByteBufAllocator.DEFAULT.directBuffer().writeBytes(request.getBytes(StandardCharsets.ISO_8859_1));
    }

    @Benchmark
    public int click(ThreadCost cost) {
        cost.op();
        return respond(requests[next++ & (requests.length - 1)]);
    }

    /** One request in, one response out; returns its size. */
    private int respond(ByteBuf request) {
        // What writeInbound does, without its varargs array: that would be the op's only allocation of ours.
        channel.pipeline().fireChannelRead(request.retainedDuplicate()).fireChannelReadComplete();
        channel.runPendingTasks();
        channel.checkException();
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
        if (server != null) {
            server.close();
        } else {
            journal.close();
            linkSet.links().close();
            BenchFiles.delete(dir);
        }
    }

    /**
     * An EmbeddedChannel whose peer is 127.0.0.1, the pipeline config's trusted proxy: EmbeddedChannel's own peer
     * is not an IP address, and {@code X-Forwarded-For} is only believed from a trusted one.
     */
    private static final class LoopbackPeerChannel extends EmbeddedChannel {
        private static final SocketAddress PEER = new InetSocketAddress(InetAddress.getLoopbackAddress(), 40000);

        LoopbackPeerChannel(ChannelHandler handler) {
            super(handler);
        }

        @Override
        protected SocketAddress remoteAddress0() {
            return PEER;
        }
    }
}

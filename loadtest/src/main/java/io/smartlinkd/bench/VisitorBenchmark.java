package io.smartlinkd.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.net.IpAddresses;
import io.smartlinkd.visitor.ClientIp;
import io.smartlinkd.visitor.UniqueClickTable;
import io.smartlinkd.visitor.Visitor;
import io.smartlinkd.visitor.VisitorTracking;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The visitor part of one click, piece by piece and together: walking {@code X-Forwarded-For} through trusted
 * proxies, finding and verifying the visitor cookie, claiming the unique click, writing {@code Set-Cookie}. Run:
 * {@code java -jar loadtest/target/benchmarks.jar Visitor -prof gc}; {@code gc.alloc.rate.norm} must be ~0 B/op.
 */
public class VisitorBenchmark extends SmartlinkdBenchmark {
    private static final int VARIANTS = 1024;
    private static final String USER_AGENT = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) "
            + "AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";

    private ClientIp client;
    private Visitor visitor;
    private UniqueClickTable table;
    private final byte[] peer = new byte[16];
    private int peerLength;
    private String[] forwardedFor;
    private String[] cookieHeaders;
    private long[] keys;
    private ByteBuf out;
    private int next;
    private long nowMs;

    @Setup(Level.Trial)
    public void setUp() {
        CidrSet trusted = CidrSet.of(List.of(Cidr.parse("10.0.0.0/8"), Cidr.parse("2001:db8::/32"),
                Cidr.parse("127.0.0.1")));
        client = new ClientIp(trusted);
        peerLength = IpAddresses.parse("10.0.0.1", peer);
        nowMs = System.currentTimeMillis();
        VisitorTracking tracking = new VisitorTracking(VisitorConfig.DEFAULTS,
                ClickIdKey.fromSecret("benchmark-secret-0123456789"), nowMs);
        visitor = tracking.newVisitor();
        table = new UniqueClickTable(1 << 20, 86_400_000, nowMs);
        SplittableRandom random = new SplittableRandom(7);
        forwardedFor = new String[VARIANTS];
        cookieHeaders = new String[VARIANTS];
        keys = new long[VARIANTS];
        out = Unpooled.directBuffer(256);
        for (int i = 0; i < VARIANTS; i++) {
            // A spoofed entry, the client, and one of our proxies: the usual shape behind a CDN and a balancer.
            forwardedFor[i] = "6.6.6." + random.nextInt(256) + ", 198.51." + random.nextInt(256) + "."
                    + random.nextInt(256) + ", 10.0." + random.nextInt(256) + ".1";
            // A returning visitor: get a real signed cookie by making a first click.
            visitor.begin(null, USER_AGENT, client, true);
            visitor.link(i, nowMs);
            out.clear();
            visitor.writeSetCookie(out);
            String line = out.toString(StandardCharsets.US_ASCII);
            String value = line.substring(line.indexOf('=') + 1, line.indexOf(';'));
            cookieHeaders[i] = "_ga=GA1.2.1234567890.1700000000; theme=dark; slv=" + value + "; consent=yes";
            keys[i] = random.nextLong();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        out.release();
    }

    @Benchmark
    public int forwardedFor() {
        String line = forwardedFor[next++ & (VARIANTS - 1)];
        if (client.start(peer, peerLength)) {
            client.walk(line);
        }
        return client.length();
    }

    @Benchmark
    public int cookie() {
        visitor.begin(cookieHeaders[next++ & (VARIANTS - 1)], USER_AGENT, client, true);
        return visitor.visitCount();
    }

    @Benchmark
    public boolean uniqueClaim() {
        // Each key comes back every 1024 calls: mostly repeats, as in a table that has seen the visitors.
        return table.claim(keys[next++ & (VARIANTS - 1)], nowMs);
    }

    /** Everything the visitor code does for one click of a returning visitor behind two proxies. */
    @Benchmark
    public int click() {
        int i = next++ & (VARIANTS - 1);
        if (client.start(peer, peerLength)) {
            client.walk(forwardedFor[i]);
        }
        visitor.begin(cookieHeaders[i], USER_AGENT, client, true);
        visitor.link(i, nowMs);
        out.clear();
        visitor.writeSetCookie(out);
        return out.writerIndex();
    }
}

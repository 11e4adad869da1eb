package io.smartlinkd.http;

import io.smartlinkd.testing.AllocationCounter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.net.Cidr;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.net.IpAddresses;
import io.smartlinkd.visitor.ClientIp;
import io.smartlinkd.visitor.Visitor;
import io.smartlinkd.visitor.VisitorTracking;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sanity check that the visitor part of a click allocates nothing once warm, header lookups included (views over
 * the request's bytes); JMH measures the real numbers.
 */
@Timeout(60)
class VisitorAllocationTest {
    private static final int CLICKS = 100_000;

    @Test
    void shouldAllocateNothingPerClickOnceWarm() {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();

        EmbeddedChannel channel = new EmbeddedChannel();
        ConnectionState connection = new ConnectionState(channel, 0);
        byte[] balancer = new byte[16];
        connection.proxiedPeer(balancer, IpAddresses.parse("10.0.0.1", balancer));
        ClientIp client = new ClientIp(CidrSet.of(List.of(Cidr.parse("10.0.0.0/8"))));
        long now = System.currentTimeMillis();
        Visitor visitor = new VisitorTracking(VisitorConfig.DEFAULTS, ClickIdKey.fromSecret("allocation-secret-0123"),
                now).newVisitor();
        ByteBuf out = Unpooled.buffer(256);
        visitor.begin(null, "agent", client, true);
        visitor.link(1, now);
        visitor.writeSetCookie(out);
        String line = out.toString(StandardCharsets.US_ASCII);
        byte[] head = ("GET /l0 HTTP/1.1\r\nHost: go.example.com\r\n"
                + "User-Agent: Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)\r\n"
                + "Cookie: _ga=1; slv=" + line.substring(16, 44) + "; theme=dark\r\n"
                + "X-Forwarded-For: 6.6.6.6, 198.51.100.23, 10.1.2.3\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        ClickRequest headers = new ClickRequest(ClickRequestDecoder.headCapacity(4096, 8192));
        System.arraycopy(head, 0, headers.bytes, 0, head.length);
        RequestHeadParser.parse(headers, head.length);

        long sink = clickMany(connection, client, visitor, headers, out, now); // warm up: interpreter, C1, C2
        for (int i = 0; i < 20; i++) {
            sink += clickMany(connection, client, visitor, headers, out, now);
        }
        long fewest = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 5; attempt++) {
            long before = counter.getCurrentThreadAllocatedBytes();
            sink += clickMany(connection, client, visitor, headers, out, now);
            fewest = Math.min(fewest, counter.getCurrentThreadAllocatedBytes() - before);
        }
        out.release();
        channel.finishAndReleaseAll();
        assertTrue(fewest < 1024, "allocated " + fewest + " bytes for " + CLICKS + " clicks");
        assertTrue(sink != 0);
    }

    private static long clickMany(ConnectionState connection, ClientIp client, Visitor visitor, ClickRequest headers,
                                  ByteBuf out, long now) {
        long sink = 0;
        for (int i = 0; i < CLICKS; i++) {
            ClientAddresses.resolve(client, connection, headers);
            visitor.begin(headers.cookie(), headers.userAgent(), client, true);
            visitor.link(i & 1023, now);
            out.clear();
            visitor.writeSetCookie(out);
            sink += out.writerIndex() + client.length() + visitor.visitCount();
        }
        return sink;
    }
}

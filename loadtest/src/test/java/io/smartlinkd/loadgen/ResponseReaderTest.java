package io.smartlinkd.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResponseReaderTest {

    /** Records what the reader reports, as "status keepAlive" or "broken io". */
    private static final class Seen implements ResponseReader.Listener {
        final List<String> events = new ArrayList<>();

        @Override
        public void onResponse(Channel ch, int status, boolean keepAlive) {
            events.add(status + (keepAlive ? " keep" : " close"));
        }

        @Override
        public void onBroken(Channel ch, boolean io) {
            events.add(io ? "broken io" : "broken framing");
        }
    }

    private final Seen seen = new Seen();
    private final EmbeddedChannel channel = new EmbeddedChannel(new ResponseReader(seen));

    private void feed(String... pieces) {
        for (String piece : pieces) {
            ByteBuf buf = Unpooled.copiedBuffer(piece, StandardCharsets.ISO_8859_1);
            channel.writeInbound(buf);
            assertEquals(0, buf.refCnt(), "every buffer released");
        }
    }

    @Test
    void shouldReportAnEmptyRedirectAndKeepTheConnection() {
        feed("HTTP/1.1 302 Found\r\nLocation: https://example.com/\r\nContent-Length: 0\r\n\r\n");
        assertEquals(List.of("302 keep"), seen.events);
    }

    @Test
    void shouldSkipABodyByLengthAcrossReadsAndReadThePipelinedNextResponse() {
        feed("HTTP/1.1 200 OK\r\nconTENT-length: 10\r\n", "\r\n01234", "56789HTTP/1.1 404 Not Found\r\nContent-Len",
            "gth: 3\r\nConnection: close\r\n\r\nabc");
        assertEquals(List.of("200 keep", "404 close"), seen.events);
    }

    @Test
    void shouldSkipChunksWithExtensionsAndTrailers() {
        feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, Chunked\r\n\r\n", "5;ext=1\r\nhello\r\n1", "0\r\n0123456789abcdef",
            "\r\n0\r\nX-Trailer: yes\r\n\r\n");
        assertEquals(List.of("200 keep"), seen.events);
    }

    @Test
    void shouldAnswerNoBodyStatusesAtOnceAndSkipInterimResponses() {
        feed("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n",
            "HTTP/1.1 304 Not Modified\r\nContent-Length: 99\r\n\r\n");
        assertEquals(List.of("204 keep", "304 keep"), seen.events);
    }

    @Test
    void shouldFollowHttp10KeepAliveRules() {
        feed("HTTP/1.0 302 Found\r\nContent-Length: 0\r\n\r\n",
            "HTTP/1.0 302 Found\r\nConnection: Keep-Alive\r\nContent-Length: 0\r\n\r\n");
        assertEquals(List.of("302 close", "302 keep"), seen.events);
    }

    @Test
    void shouldEndABodyWithoutLengthWhenTheServerCloses() {
        feed("HTTP/1.1 200 OK\r\n\r\nsome body", " and more");
        assertTrue(seen.events.isEmpty());
        channel.close();
        assertEquals(List.of("200 close"), seen.events);
    }

    @Test
    void shouldReportAConnectionLostMidResponseAsIo() {
        feed("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123");
        channel.close();
        assertEquals(List.of("broken io"), seen.events);
    }

    @Test
    void shouldCallGarbageBrokenAndReadNothingMore() {
        feed("HTTP/2 200\r\n\r\n", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assertEquals(List.of("broken framing"), seen.events);
    }

    @Test
    void shouldRejectBadLengthsAndChunkSizes() {
        feed("HTTP/1.1 200 OK\r\nContent-Length: 12x\r\n\r\n");
        Seen other = new Seen();
        EmbeddedChannel chunked = new EmbeddedChannel(new ResponseReader(other));
        chunked.writeInbound(Unpooled.copiedBuffer("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            StandardCharsets.ISO_8859_1));
        assertEquals(List.of("broken framing"), seen.events);
        assertEquals(List.of("broken framing"), other.events);
    }

    @Test
    void shouldRefuseALineLongerThanTheLimit() {
        feed("HTTP/1.1 200 OK\r\nX-Long: ", "a".repeat(ResponseReader.MAX_LINE));
        assertEquals(List.of("broken framing"), seen.events);
        assertFalse(seen.events.contains("200 keep"));
    }
}

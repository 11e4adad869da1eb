package io.smartlinkd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link ClickRequestDecoder} on an EmbeddedChannel: what the click handler would see, as text. Where it should
 * read a head exactly as Netty's {@link HttpRequestDecoder} (which it replaced on the click path) does, the two are
 * run side by side on the same bytes.
 */
@Timeout(30)
class ClickRequestDecoderTest {
    private static final int MAX_LINE = 64;
    private static final int MAX_HEADERS = 256;
    private static final String FULL = "GET /promo/anna?sub1=x HTTP/1.1\r\n"
            + "Host: go.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11)\r\n"
            + "Cookie: a=1; slv=abc\r\n"
            + "X-Forwarded-For: 6.6.6.6\r\n"
            + "Accept-Language: de-CH, en;q=0.5\r\n"
            + "x-forwarded-for: 10.0.0.1 \r\n"
            + "Referer: https://t.co/x\r\n"
            + "Sec-Purpose: prefetch\r\n\r\n";
    private static final String FULL_SEEN = "GET /promo/anna?sub1=x keep-alive host=[go.example.com] "
            + "ua=[Mozilla/5.0 (X11)] cookie=[a=1; slv=abc] lang=[de-CH, en;q=0.5] referer=[https://t.co/x] "
            + "sec-purpose=[prefetch] xff=[6.6.6.6|10.0.0.1]";

    /** The decoder under test and a handler that writes down each request as text (the request is reused). */
    private static final class Decoded {
        final EmbeddedChannel channel;
        final List<String> seen = new ArrayList<>();
        final List<Object> others = new ArrayList<>();

        Decoded() {
            ClickRequest request = new ClickRequest(ClickRequestDecoder.headCapacity(MAX_LINE, MAX_HEADERS));
            channel = new EmbeddedChannel();
            channel.pipeline().addLast("decoder", new ClickRequestDecoder(request, MAX_LINE, MAX_HEADERS,
                    new HttpDecoderConfig().setMaxInitialLineLength(MAX_LINE).setMaxHeaderSize(MAX_HEADERS)));
            channel.pipeline().addLast(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object msg) {
                    if (msg instanceof ClickRequest) {
                        seen.add(describe((ClickRequest) msg));
                    } else {
                        others.add(msg);
                    }
                }
            });
        }

        Decoded write(String bytes) {
            channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
            return this;
        }

        void close() {
            channel.finishAndReleaseAll();
            others.forEach(ReferenceCountUtil::release);
        }
    }

    private static List<String> decode(String bytes) {
        Decoded decoded = new Decoded().write(bytes);
        decoded.close();
        return decoded.seen;
    }

    private static String decodeOne(String bytes) {
        List<String> seen = decode(bytes);
        assertEquals(1, seen.size(), bytes + " -> " + seen);
        return seen.get(0);
    }

    static String describe(ClickRequest request) {
        if (request.refusal() != null) {
            return "refused " + request.refusal().status;
        }
        StringBuilder text = new StringBuilder().append(request.method()).append(' ').append(request.target())
                .append(request.http10() ? " HTTP/1.0" : "").append(request.keepAlive() ? " keep-alive" : " close");
        if (request.announcesBody()) {
            text.append(" body");
        }
        String[] names = {"host", "ua", "cookie", "lang", "referer", "sec-purpose", "purpose", "x-moz", "x-purpose"};
        int[] ids = {HeaderNames.HOST, HeaderNames.USER_AGENT, HeaderNames.COOKIE, HeaderNames.ACCEPT_LANGUAGE,
            HeaderNames.REFERER, HeaderNames.SEC_PURPOSE, HeaderNames.PURPOSE, HeaderNames.X_MOZ, HeaderNames.X_PURPOSE};
        for (int i = 0; i < names.length; i++) {
            CharSequence value = request.field(ids[i]);
            if (value != null) {
                text.append(' ').append(names[i]).append("=[").append(value).append(']');
            }
        }
        if (request.forwardedForCount() > 0) {
            text.append(" xff=[");
            for (int i = 0; i < request.forwardedForCount(); i++) {
                text.append(i > 0 ? "|" : "").append(request.forwardedFor(i));
            }
            text.append(']');
        }
        return text.toString();
    }

    /** What Netty's decoder made of the same bytes, in the same words (the click handler's reading of it). */
    private static String netty(String bytes) {
        EmbeddedChannel channel = new EmbeddedChannel(new HttpRequestDecoder(
                new HttpDecoderConfig().setMaxInitialLineLength(MAX_LINE).setMaxHeaderSize(MAX_HEADERS)));
        channel.writeInbound(Unpooled.copiedBuffer(bytes, StandardCharsets.ISO_8859_1));
        HttpRequest request = channel.readInbound();
        channel.finishAndReleaseAll();
        if (request.decoderResult().isFailure()) {
            Throwable cause = request.decoderResult().cause();
            return "refused " + (cause instanceof io.netty.handler.codec.http.TooLongHttpLineException ? 414
                    : cause instanceof io.netty.handler.codec.TooLongFrameException ? 431 : 400);
        }
        HttpMethod method = request.method();
        StringBuilder text = new StringBuilder()
                .append(method == HttpMethod.GET ? "GET" : method == HttpMethod.HEAD ? "HEAD" : "OTHER").append(' ')
                .append(request.uri()).append(request.protocolVersion() == HttpVersion.HTTP_1_0 ? " HTTP/1.0" : "")
                .append(HttpUtil.isKeepAlive(request) ? " keep-alive" : " close");
        String length = request.headers().get(HttpHeaderNames.CONTENT_LENGTH);
        if (request.headers().contains(HttpHeaderNames.TRANSFER_ENCODING) || (length != null && !"0".equals(length))) {
            text.append(" body");
        }
        String[] names = {"host", "ua", "cookie", "lang", "referer", "sec-purpose", "purpose", "x-moz", "x-purpose"};
        String[] headers = {"host", "user-agent", "cookie", "accept-language", "referer", "sec-purpose", "purpose",
            "x-moz", "x-purpose"};
        for (int i = 0; i < names.length; i++) {
            String value = request.headers().get(headers[i]);
            if (value != null) {
                text.append(' ').append(names[i]).append("=[").append(value).append(']');
            }
        }
        List<String> forwarded = request.headers().getAll("x-forwarded-for");
        if (!forwarded.isEmpty()) {
            text.append(" xff=[").append(String.join("|", forwarded)).append(']');
        }
        return text.toString();
    }

    private static void assertReadAsNettyDid(String... heads) {
        for (String head : heads) {
            assertEquals(netty(head), decodeOne(head), head);
        }
    }

    @Test
    void shouldReadEveryFieldTheClickPathNeeds() {
        assertEquals(FULL_SEEN, decodeOne(FULL));
        assertEquals(FULL_SEEN, netty(FULL));
    }

    @Test
    void shouldDecodeTheSameHeadSplitAtEveryByte() {
        for (int split = 1; split < FULL.length(); split++) {
            Decoded decoded = new Decoded().write(FULL.substring(0, split));
            assertEquals(List.of(), decoded.seen, "after " + split + " bytes");
            decoded.write(FULL.substring(split));
            assertEquals(List.of(FULL_SEEN), decoded.seen, "split after " + split + " bytes");
            decoded.close();
        }
    }

    @Test
    void shouldDecodeAHeadSentOneByteAtATime() {
        Decoded decoded = new Decoded();
        for (char c : FULL.toCharArray()) {
            decoded.write(String.valueOf(c));
        }
        assertEquals(List.of(FULL_SEEN), decoded.seen);
        decoded.close();
    }

    @Test
    void shouldDecodePipelinedRequestsInOrderWhereverTheReadsSplitThem() {
        String three = "GET /a HTTP/1.1\r\nHost: one\r\n\r\n"
                + "HEAD /b HTTP/1.1\r\nHost: two\r\n\r\n"
                + "\r\nGET /c HTTP/1.0\r\nHost: three\r\n\r\n";
        List<String> expected = List.of("GET /a keep-alive host=[one]", "HEAD /b keep-alive host=[two]",
                "GET /c HTTP/1.0 close host=[three]");
        assertEquals(expected, decode(three));
        for (int split = 1; split < three.length(); split++) {
            Decoded decoded = new Decoded().write(three.substring(0, split)).write(three.substring(split));
            assertEquals(expected, decoded.seen, "split after " + split + " bytes");
            decoded.close();
        }
    }

    @Test
    void shouldMatchHeaderNamesInAnyCase() {
        assertEquals("GET / keep-alive host=[a] ua=[b] cookie=[c]",
                decodeOne("GET / HTTP/1.1\r\nHOST: a\r\nuser-agent: b\r\nCoOkIe: c\r\n\r\n"));
    }

    @Test
    void shouldKeepRepeatedForwardedForLinesInOrderAndTheFirstOfOtherFields() {
        String head = "GET / HTTP/1.1\r\nX-Forwarded-For: 1.1.1.1, 2.2.2.2\r\nHost: first\r\nHost: second\r\n"
                + "X-FORWARDED-FOR: 3.3.3.3\r\nx-forwarded-for:4.4.4.4\r\n\r\n";
        String seen = "GET / keep-alive host=[first] xff=[1.1.1.1, 2.2.2.2|3.3.3.3|4.4.4.4]";
        assertEquals(seen, decodeOne(head));
        assertEquals(seen, netty(head));
    }

    @Test
    void shouldGrowTheForwardedForListBeyondItsFirstSize() {
        StringBuilder head = new StringBuilder("GET / HTTP/1.1\r\n");
        for (int i = 0; i < 7; i++) {
            head.append("X-Forwarded-For: ").append(i).append("\r\n");
        }
        assertEquals("GET / keep-alive xff=[0|1|2|3|4|5|6]", decodeOne(head.append("\r\n").toString()));
    }

    @Test
    void shouldDecideKeepAliveByVersionAndConnectionTokensAsNettyDid() {
        String[] heads = {
            "GET / HTTP/1.1\r\n\r\n",
            "GET / HTTP/1.1\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.1\r\nConnection: Close \r\n\r\n",
            "GET / HTTP/1.1\r\nConnection: keep-alive, close\r\n\r\n",
            "GET / HTTP/1.1\r\nConnection: foo\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.1\r\nConnection: closed\r\n\r\n",
            "GET / HTTP/1.0\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: foo ,keep-alive\r\n\r\n",
            "GET / HTTP/1.0\r\nConnection: keep-alive\r\nConnection: close\r\n\r\n",
            "GET / HTTP/1.2\r\n\r\n",
        };
        assertReadAsNettyDid(heads);
        assertEquals("GET / HTTP/1.0 keep-alive", decodeOne(heads[7]));
        assertEquals("GET / HTTP/1.0 close", decodeOne(heads[6]));
        // Netty read a lower-case "http/1.0" as some other version that keeps connections open; it is 1.0.
        assertEquals("GET / HTTP/1.0 close", decodeOne("GET / http/1.0\r\n\r\n"));
    }

    @Test
    void shouldReadWellFormedAndMalformedHeadsAsNettyDid() {
        String[] heads = {
            "\r\n\r\nGET /a HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET  /a \tHTTP/1.1\r\nHost: x\r\n\r\n",
            "GET\t/a\tHTTP/1.1\r\nHost: x\r\n\r\n",
            "GET http://h/a?b HTTP/1.1\r\nHost: x\r\n\r\n",
            "GET /\u00ff\u0085 HTTP/1.1\r\nHost: x\u00ffy\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost:x\r\nUser-Agent:   a b\t \r\n\r\n",
            "GET /a HTTP/1.1\r\nHost:\r\n\r\n",
            "GET /a HTTP/1.1\r\nX-Other: x\ty\r\n\r\n",
            "get /a HTTP/1.1\r\n\r\n",
            "OPTIONS * HTTP/1.1\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: 0\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length:  0 \r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: 00\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: 5\r\n\r\n",
            // malformed: 400
            "GET /a HTTP/1.1\nHost: x\n\n",
            "GET /a HTTP/1.1\r\nHost: x\n\r\n",
            "GET /a HTTP/1.1 \r\nHost: x\r\n\r\n",
            "GET /a b HTTP/1.1\r\n\r\n",
            "GET /a HTTP/1.10\r\n\r\n",
            "GET /a FOO/1.1\r\n\r\n",
            "GET /a HTTPS/1.1\r\n\r\n",
            "GET /a\r\n\r\n",
            "GET\r\n\r\n",
            "G@T /a HTTP/1.1\r\n\r\n",
            "GARBAGE\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost : x\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost\r\n\r\n",
            "GET /a HTTP/1.1\r\n: x\r\n\r\n",
            "GET /a HTTP/1.1\r\nHo(t: x\r\n\r\n",
            "GET /a HTTP/1.1\r\nH\u00ffst: x\r\n\r\n",
            "GET /a HTTP/1.1\r\n folded\r\nHost: x\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\u0001y\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\u0000y\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\u007fy\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\ry\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: 0\r\nContent-Length: 0\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: 0, 0\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: +0\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: x\r\n\r\n",
            "GET /a HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n",
            "GET /a HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 0\r\n\r\n",
        };
        assertReadAsNettyDid(heads);
    }

    /**
     * Where the old decoder was lenient and we are not: obs-fold (RFC 9112 lets a server refuse it, and it is a
     * smuggling vector) and control bytes in the request-target, which Netty passed on or silently dropped.
     */
    @Test
    void shouldRefuseObsFoldAndControlBytesWhereNettyWasLenient() {
        String[] heads = {
            "GET /a HTTP/1.1\r\nHost: x\r\n folded\r\n\r\n",
            "GET /a HTTP/1.1\r\nHost: x\r\n\tfolded\r\n\r\n",
            "GET /a\u0000b HTTP/1.1\r\n\r\n",
            "GET /a\u0001b HTTP/1.1\r\n\r\n",
            "GET /a\u001fb HTTP/1.1\r\n\r\n",
            "GET /a\u007fb HTTP/1.1\r\n\r\n",
            "GET /a\u000b HTTP/1.1\r\n\r\n",
            "GET /a\r HTTP/1.1\r\n\r\n",
            "\u0001GET /a HTTP/1.1\r\n\r\n",
        };
        for (String head : heads) {
            assertEquals("refused 400", decodeOne(head), head);
        }
    }

    @Test
    void shouldAcceptARequestLineAtItsLimitAndRefuseOneByteMoreWith414() {
        String atLimit = "GET /" + "a".repeat(MAX_LINE - 14) + " HTTP/1.1";
        assertEquals(MAX_LINE, atLimit.length());
        assertTrue(decodeOne(atLimit + "\r\n\r\n").startsWith("GET /aaa"));
        assertEquals("refused 414", decodeOne("GET /" + "a".repeat(MAX_LINE - 13) + " HTTP/1.1\r\n\r\n"));
        // Refused before the line ends, whatever the split; an at-limit line waiting for its LF is not.
        assertEquals(List.of(), decode(atLimit + "\r"));
        assertEquals(List.of("refused 414"), decode(atLimit + "x"));
        for (int split = 1; split < atLimit.length() + 4; split++) {
            String whole = atLimit + "\r\n\r\n";
            Decoded decoded = new Decoded().write(whole.substring(0, split)).write(whole.substring(split));
            assertEquals(1, decoded.seen.size());
            assertTrue(decoded.seen.get(0).startsWith("GET /aaa"), decoded.seen.get(0));
            decoded.close();
        }
    }

    @Test
    void shouldAcceptHeadersAtTheirLimitAndRefuseOneByteMoreWith431() {
        String line = "A: " + "b".repeat(57); // 60 bytes, as the limit counts: without CRLF
        String atLimit = line + "\r\n" + "X: " + "c".repeat(MAX_HEADERS - 60 - 3) + "\r\n";
        String over = line + "\r\n" + "X: " + "c".repeat(MAX_HEADERS - 60 - 2) + "\r\n";
        assertEquals("GET / keep-alive", decodeOne("GET / HTTP/1.1\r\n" + atLimit + "\r\n"));
        assertEquals("refused 431", decodeOne("GET / HTTP/1.1\r\n" + over + "\r\n"));
        assertEquals(netty("GET / HTTP/1.1\r\n" + atLimit + "\r\n"), decodeOne("GET / HTTP/1.1\r\n" + atLimit + "\r\n"));
        assertEquals(netty("GET / HTTP/1.1\r\n" + over + "\r\n"), decodeOne("GET / HTTP/1.1\r\n" + over + "\r\n"));
        assertEquals(List.of("refused 431"), decode("GET / HTTP/1.1\r\n" + over));
        String whole = "GET / HTTP/1.1\r\n" + atLimit + "\r\n";
        for (int split = 1; split < whole.length(); split++) {
            Decoded decoded = new Decoded().write(whole.substring(0, split)).write(whole.substring(split));
            assertEquals(List.of("GET / keep-alive"), decoded.seen, "split after " + split);
            decoded.close();
        }
    }

    @Test
    void shouldRefuseAMalformedRequestLineBeforeItsHeadersArrive() {
        assertEquals(List.of("refused 400"), decode("GET /a HTTP/9\r\nHost: x\r\n"));
        assertEquals(List.of(), decode("GET /a HTTP/1.1\r\nHost: x\r\n"));
    }

    @Test
    void shouldDiscardEverythingAfterARefusal() {
        assertEquals(List.of("GET /a keep-alive", "refused 400"),
                decode("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nBad Header: x\r\n\r\nGET /c HTTP/1.1\r\n\r\n"));
        Decoded decoded = new Decoded().write("GET /" + "x".repeat(100));
        decoded.write(" HTTP/1.1\r\n\r\nGET /d HTTP/1.1\r\n\r\n");
        assertEquals(List.of("refused 414"), decoded.seen);
        decoded.close();
    }

    @Test
    void shouldHandAPostToNettysDecoderWithAllItsBytes() {
        String post = "POST /webhooks/shopify/orders HTTP/1.1\r\nHost: go.example.com\r\nContent-Length: 5\r\n"
                + "\r\nhello";
        for (int split = 1; split < post.length(); split++) {
            Decoded decoded = new Decoded().write("GET /first HTTP/1.1\r\n\r\n" + post.substring(0, split))
                    .write(post.substring(split));
            assertEquals(List.of("GET /first keep-alive"), decoded.seen);
            assertInstanceOf(HttpRequestDecoder.class, decoded.channel.pipeline().get("decoder"));
            HttpRequest request = (HttpRequest) decoded.others.get(0);
            assertTrue(request.decoderResult().isSuccess());
            assertEquals(HttpMethod.POST, request.method());
            assertEquals("/webhooks/shopify/orders", request.uri());
            StringBuilder body = new StringBuilder();
            for (Object content : decoded.others.subList(1, decoded.others.size())) {
                body.append(((HttpContent) content).content().toString(StandardCharsets.US_ASCII));
            }
            assertEquals("hello", body.toString(), "split after " + split);
            assertInstanceOf(LastHttpContent.class, decoded.others.get(decoded.others.size() - 1));
            decoded.close();
        }
    }

    @Test
    void shouldLeaveNothingUnreleased() {
        Decoded decoded = new Decoded().write("GET /a HTTP/1.1\r\n\r\nGET /b HTTP/1.1\r\nHo");
        ByteBuf extra = Unpooled.copiedBuffer("st: x\r\n\r\n", StandardCharsets.US_ASCII);
        decoded.channel.writeInbound(extra);
        assertEquals(0, extra.refCnt());
        assertEquals(List.of("GET /a keep-alive", "GET /b keep-alive host=[x]"), decoded.seen);
        decoded.close();
    }
}

package io.smartlinkd.http;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.smartlinkd.text.CharScan;
import java.nio.charset.StandardCharsets;

/**
 * One order webhook delivery on a public connection: the body collected up to the configured bound, handed to
 * {@link OrderWebhooks} off the event loop, the JSON answer written back on it, and the connection closed (one
 * delivery per connection keeps answers in order without parking later requests).
 */
final class WebhookDelivery {
    private final OrderWebhooks webhooks;
    private final OrderWebhooks.Kind kind;
    private final String signature;
    private final HttpDate date;
    private ByteBuf body;

    private WebhookDelivery(ChannelHandlerContext ctx, HttpRequest request, OrderWebhooks webhooks,
                            OrderWebhooks.Kind kind, long declared, HttpDate date) {
        this.webhooks = webhooks;
        this.kind = kind;
        this.date = date;
        this.signature = request.headers().get(kind == OrderWebhooks.Kind.SHOPIFY
                ? OrderWebhooks.SHOPIFY_SIGNATURE : OrderWebhooks.GENERIC_SIGNATURE);
        this.body = ctx.alloc().heapBuffer(declared > 0 ? (int) declared : 1024, webhooks.maxBodyBytes());
    }

    /**
     * Starts receiving a POST. Returns null after {@code refuse} got the answer: 405 for a path that takes no POST,
     * 404 for an endpoint without secrets, 413 for a declared body over the bound.
     */
    static WebhookDelivery begin(ChannelHandlerContext ctx, HttpRequest request, OrderWebhooks webhooks,
                                 HttpDate date, java.util.function.Consumer<Responses.Plain> refuse) {
        String uri = request.uri();
        int pathEnd = CharScan.indexOf(uri, '#', 0, CharScan.indexOf(uri, '?', 0, uri.length()));
        OrderWebhooks.Kind kind = OrderWebhooks.kindOf(uri.substring(0, pathEnd));
        if (kind == null) {
            refuse.accept(Responses.METHOD_NOT_ALLOWED);
            return null;
        }
        if (webhooks == null || !webhooks.enabled(kind)) {
            refuse.accept(Responses.NOT_FOUND);
            return null;
        }
        long declared = HttpUtil.getContentLength(request, -1L);
        if (declared > webhooks.maxBodyBytes()) {
            refuse.accept(Responses.PAYLOAD_TOO_LARGE);
            return null;
        }
        return new WebhookDelivery(ctx, request, webhooks, kind, declared, date);
    }

    /** Adds a chunk of the body; true once the delivery is complete (handed over, or refused as too large). */
    boolean add(ChannelHandlerContext ctx, HttpContent content) {
        ByteBuf chunk = content.content();
        if (chunk.readableBytes() > body.maxWritableBytes()) {
            abandon();
            ClickHandler.writePlainAndClose(ctx.channel(), Responses.PAYLOAD_TOO_LARGE, false);
            return true;
        }
        body.writeBytes(chunk);
        if (!(content instanceof LastHttpContent)) {
            return false;
        }
        byte[] bytes = ByteBufUtil.getBytes(body);
        abandon();
        Channel channel = ctx.channel();
        webhooks.submit(kind, bytes, signature,
                answer -> channel.eventLoop().execute(() -> answer(channel, answer)));
        return true;
    }

    /** Releases the body (the connection closed before it was complete). */
    void abandon() {
        if (body != null) {
            body.release();
            body = null;
        }
    }

    private void answer(Channel channel, OrderWebhooks.Answer answer) {
        byte[] json = (answer.body() + "\n").getBytes(StandardCharsets.UTF_8);
        String head = "HTTP/1.1 " + answer.status() + " " + reason(answer.status()) + "\r\n"
                + "Content-Type: application/json\r\n"
                + "Cache-Control: private, no-store\r\n"
                + (answer.status() == 503 ? "Retry-After: 5\r\n" : "")
                + "Content-Length: " + json.length + "\r\n";
        ByteBuf out = channel.alloc().ioBuffer(head.length() + json.length + 64);
        out.writeCharSequence(head, StandardCharsets.US_ASCII);
        out.writeBytes(date.line(System.currentTimeMillis()));
        out.writeBytes(Responses.CONNECTION_CLOSE);
        out.writeBytes(Responses.CRLF);
        out.writeBytes(json);
        channel.writeAndFlush(out).addListener(ChannelFutureListener.CLOSE);
    }

    private static String reason(int status) {
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 401:
                return "Unauthorized";
            default:
                return "Service Unavailable";
        }
    }
}

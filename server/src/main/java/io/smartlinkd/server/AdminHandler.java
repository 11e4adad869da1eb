package io.smartlinkd.server;

import io.smartlinkd.text.Json;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.smartlinkd.http.ServerState;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The admin listener (loopback by default): {@code /healthz}, {@code /readyz}, {@code /metrics} and
 * {@code POST /reload}, {@code GET /explain}. Not on the hot path; a reload blocks an admin event loop thread only, never a click loop.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private final ServerState server;
    private final Reloader reloader;
    private final Metrics metrics;
    private final Explainer explainer;

    AdminHandler(ServerState server, Reloader reloader, Metrics metrics) {
        this.server = server;
        this.reloader = reloader;
        this.metrics = metrics;
        this.explainer = new Explainer(server.classifiers().geo(), server.classifiers().userAgents());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "text/plain", "bad request\n", false);
            return;
        }
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        boolean get = request.method() == HttpMethod.GET || request.method() == HttpMethod.HEAD;
        switch (path) {
            case "/healthz":
                respond(ctx, request, HttpResponseStatus.OK, "text/plain", "ok\n", get);
                break;
            case "/readyz":
                respond(ctx, request, server.ready() ? HttpResponseStatus.OK : HttpResponseStatus.SERVICE_UNAVAILABLE,
                        "text/plain", server.ready() ? "ready\n" : "not ready\n", get);
                break;
            case "/metrics":
                respond(ctx, request, HttpResponseStatus.OK, "text/plain; version=0.0.4", metrics.render(), get);
                break;
            case "/explain":
                if (get) {
                    explain(ctx, request);
                } else {
                    respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "use GET\n", true);
                }
                break;
            case "/reload":
                if (request.method() != HttpMethod.POST) {
                    respond(ctx, request, HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain", "use POST\n", true);
                } else {
                    reload(ctx, request);
                }
                break;
            default:
                respond(ctx, request, HttpResponseStatus.NOT_FOUND, "text/plain", "not found\n", true);
        }
    }

    /**
     * {@code GET /explain?url=…[&ip=…][&ua=…][&lang=…][&referrer=…][&at=…][&visits=N]}: where that click would go
     * and why, as JSON, with nothing recorded. {@code at} is an ISO-8601 instant or epoch milliseconds.
     */
    private void explain(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        String url = parameter(query, "url");
        if (url == null) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "application/json",
                    "{\"error\":\"url is required, such as /explain?url=https://go.example.com/summer\"}\n", true);
            return;
        }
        Long at;
        int visits;
        try {
            at = ExplainTime.parse(parameter(query, "at"));
            String visitsText = parameter(query, "visits");
            visits = visitsText == null ? 1 : Integer.parseInt(visitsText);
        } catch (IllegalArgumentException e) {
            respond(ctx, request, HttpResponseStatus.BAD_REQUEST, "application/json",
                    "{\"error\":" + Json.quote(e.getMessage()) + "}\n", true);
            return;
        }
        Explainer.Request asked = new Explainer.Request(url, parameter(query, "ip"), parameter(query, "ua"),
                parameter(query, "lang"), parameter(query, "referrer"), at, visits);
        String body = explainer.explain(server.linkSet(), asked);
        respond(ctx, request, body.contains("\"error\":") ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.OK,
                "application/json", body + "\n", true);
    }

    private static String parameter(QueryStringDecoder query, String name) {
        java.util.List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private void reload(ChannelHandlerContext ctx, FullHttpRequest request) {
        ReloadResult result;
        try {
            result = reloader.reload("admin").get(5, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            result = ReloadResult.failed("interrupted");
        } catch (ExecutionException | TimeoutException e) {
            result = ReloadResult.failed(e.toString());
        }
        respond(ctx, request, result.applied() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY,
                "application/json", result.toJson(), true);
    }

    private static void respond(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                                String type, String body, boolean allowed) {
        HttpResponseStatus finalStatus = allowed ? status : HttpResponseStatus.METHOD_NOT_ALLOWED;
        byte[] bytes = (allowed ? body : "method not allowed\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, finalStatus,
                request.method() == HttpMethod.HEAD ? Unpooled.EMPTY_BUFFER : Unpooled.wrappedBuffer(bytes));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, type);
        response.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-store");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, bytes.length);
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        if (!keepAlive) {
            response.headers().set(HttpHeaderNames.CONNECTION, "close");
        }
        var future = ctx.writeAndFlush(response);
        if (!keepAlive) {
            future.addListener(ChannelFutureListener.CLOSE);
        }
    }
}

package io.smartlinkd.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.smartlinkd.config.Limits;

/**
 * Builds the public listener's pipeline: slow-client guard, the PROXY protocol header decoder when the listener
 * requires it, request head decoder with limits ({@link ClickRequestDecoder}; Netty's decoder takes over a connection
 * that POSTs), click handler. Typed on
 * {@link Channel} so tests and benchmarks can drive the same pipeline through an {@code EmbeddedChannel}.
 */
public final class PublicChannelInitializer extends ChannelInitializer<Channel> {
    private final ServerState server;
    private final HttpDecoderConfig webhookDecoderConfig;

    public PublicChannelInitializer(ServerState server) {
        this.server = server;
        Limits limits = server.limits();
        this.webhookDecoderConfig = new HttpDecoderConfig()
                .setMaxInitialLineLength(limits.maxRequestLineBytes())
                .setMaxHeaderSize(limits.maxHeaderBytes())
                .setMaxChunkSize(8192);
    }

    @Override
    protected void initChannel(Channel channel) {
        LoopContext loop = server.loop(channel.eventLoop());
        ConnectionState connection = new ConnectionState(channel, System.nanoTime());
        ChannelPipeline pipeline = channel.pipeline();
        pipeline.addLast("guard", new SlowClientGuard(connection));
        if (server.proxyProtocol()) {
            pipeline.addLast("proxy-decoder", ProxyHeaderHandler.newDecoder());
            pipeline.addLast("proxy-header", new ProxyHeaderHandler(server, connection));
        }
        Limits limits = server.limits();
        pipeline.addLast("decoder", new ClickRequestDecoder(loop.request, limits.maxRequestLineBytes(),
                limits.maxHeaderBytes(), webhookDecoderConfig));
        pipeline.addLast("click", new ClickHandler(server, loop, connection));
    }
}

package io.smartlinkd.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.haproxy.HAProxyCommand;
import io.netty.handler.codec.haproxy.HAProxyMessage;
import io.netty.handler.codec.haproxy.HAProxyMessageDecoder;
import io.netty.handler.codec.haproxy.HAProxyProtocolException;
import io.netty.handler.codec.haproxy.HAProxyProxiedProtocol;
import io.smartlinkd.net.IpAddresses;

/**
 * Sits behind Netty's {@link HAProxyMessageDecoder} on a listener that requires the PROXY protocol (v1 text or v2
 * binary, detected per connection). The header's source address replaces the socket peer as the connection's
 * address; {@code X-Forwarded-For} is then believed only if that address is itself a trusted proxy.
 *
 * <ul>
 * <li>{@code PROXY} over TCP4/TCP6: the source address is the client.</li>
 * <li>{@code LOCAL} (the balancer's own health checks) and {@code UNKNOWN} or UNIX families: the socket peer stays,
 *   as the protocol specification asks.</li>
 * <li>A malformed header, or a connection that starts with anything else (a plain HTTP request): the decoder
 *   closes the connection; this handler counts it and keeps the exception from reaching the click handler. Nothing
 *   is answered: without a valid header there is no one we may answer.</li>
 * </ul>
 * Removes itself after the header. One per connection; runs once per connection, so its small allocations (the
 * decoder's message and address text) are not per request.
 */
final class ProxyHeaderHandler extends ChannelInboundHandlerAdapter {
    /** Cloud balancers add a few TLVs (ids, TLS facts); anything near this bound is not a balancer. */
    static final int MAX_TLV_BYTES = 2048;

    private final ServerState server;
    private final ConnectionState connection;
    private boolean refused;

    ProxyHeaderHandler(ServerState server, ConnectionState connection) {
        this.server = server;
        this.connection = connection;
    }

    static HAProxyMessageDecoder newDecoder() {
        return new HAProxyMessageDecoder(MAX_TLV_BYTES);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof HAProxyMessage)) {
            ctx.fireChannelRead(msg);
            return;
        }
        HAProxyMessage header = (HAProxyMessage) msg;
        try {
            if (header.command() == HAProxyCommand.PROXY && isTcp(header.proxiedProtocol())
                    && header.sourceAddress() != null) {
                byte[] address = new byte[IpAddresses.IPV6_BYTES];
                int length = IpAddresses.parse(header.sourceAddress(), address);
                if (length == 0) {
                    refuse(ctx);
                    return;
                }
                connection.proxiedPeer(address, length);
            }
        } finally {
            header.release();
        }
        // The header is complete: an idle balancer connection now waits under the idle timeout, not the header one.
        connection.headersComplete(System.nanoTime());
        ctx.pipeline().remove(this);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof HAProxyProtocolException) {
            refuse(ctx);
            return;
        }
        ctx.fireExceptionCaught(cause);
    }

    private void refuse(ChannelHandlerContext ctx) {
        if (!refused) {
            // The decoder may report the same broken header again as the connection closes: count it once.
            refused = true;
            server.proxyHeaderRefused();
        }
        ctx.close();
    }

    private static boolean isTcp(HAProxyProxiedProtocol protocol) {
        return protocol == HAProxyProxiedProtocol.TCP4 || protocol == HAProxyProxiedProtocol.TCP6;
    }
}

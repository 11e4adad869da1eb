package io.smartlinkd.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * First in the pipeline: notes when a request's first bytes arrive, so the sweeper can cut clients whose headers
 * trickle in too slowly. Reads one clock per read, passes bytes through untouched.
 */
final class SlowClientGuard extends ChannelInboundHandlerAdapter {
    private final ConnectionState connection;

    SlowClientGuard(ConnectionState connection) {
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        connection.bytesArrived(System.nanoTime());
        ctx.fireChannelRead(msg);
    }
}

package io.smartlinkd.server;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.CompletableFuture;

/** The transport and the two event loop groups: one admin loop, and the click loops. */
record EventLoops(Transport transport, EventLoopGroup admin, EventLoopGroup clicks) {
    static EventLoops start(int clickThreads) {
        Transport transport = new Transport();
        EventLoopGroup admin = transport.group(1, new DefaultThreadFactory("admin", true));
        EventLoopGroup clicks = transport.group(clickThreads, new DefaultThreadFactory("click", false));
        return new EventLoops(transport, admin, clicks);
    }

    /** For a start that failed before taking them: stops them once they exist. */
    static void shutdownWhenStarted(CompletableFuture<EventLoops> starting) {
        starting.thenAccept(loops -> {
            loops.admin().shutdownGracefully();
            loops.clicks().shutdownGracefully();
        });
    }
}

package io.smartlinkd.floor;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The floor under smartlinkd's cost per request: Netty's native epoll transport on one event loop, answering the
 * nginx anchor's slugs with ready-made 302s and nothing else. Benchmarked against nginx it shows what the fixed
 * choice of Netty costs before any click pipeline runs; benchmarked against smartlinkd, what the pipeline costs.
 */
@Command(name = "floor", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Serves 302s for the anchor's slug file from one Netty epoll event loop.")
public final class FloorServer implements Callable<Integer>, AutoCloseable {
    @Option(names = "--slugs", required = true, description = "'slug<TAB>destination' lines (nginx-anchor slugs).")
    private Path slugs;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port).")
    private int port;

    private EventLoopGroup loop;
    private Channel listener;

    public static void main(String[] args) {
        System.exit(new CommandLine(new FloorServer()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        FloorServer running = start(slugs, port);
        System.out.println("floor listening on 127.0.0.1:" + running.port());
        running.listener.closeFuture().sync();
        return 0;
    }

    /** Binds 127.0.0.1:{@code port} (0: any free port). */
    static FloorServer start(Path slugs, int port) throws Exception {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("native epoll is not available", Epoll.unavailabilityCause());
        }
        FloorRedirects redirects = FloorRedirects.read(slugs);
        FloorServer server = new FloorServer();
        server.loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        server.listener = new ServerBootstrap()
                .group(server.loop)
                .channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        channel.pipeline().addLast(new FloorHandler(redirects));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", port)).sync().channel();
        return server;
    }

    int port() {
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    @Override
    public void close() {
        listener.close().syncUninterruptibly();
        loop.shutdownGracefully().syncUninterruptibly();
    }
}

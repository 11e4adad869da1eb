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
public final class FloorServer implements AutoCloseable {
    private final EventLoopGroup loop;
    private final Channel listener;

    private FloorServer(EventLoopGroup loop, Channel listener) {
        this.loop = loop;
        this.listener = listener;
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new Serve()).execute(args));
    }

    @Command(name = "floor", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Serves 302s for the anchor's slug file from one Netty epoll event loop.")
    static final class Serve implements Callable<Integer> {
        @Option(names = "--slugs", required = true,
                description = "'slug<TAB>destination' lines (nginx-anchor slugs).")
        private Path slugs;

        @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (default: any free port).")
        private int port;

        @Override
        public Integer call() throws Exception {
            FloorServer server = start(slugs, port);
            System.out.println("floor listening on 127.0.0.1:" + server.port());
            server.listener.closeFuture().sync();
            return 0;
        }
    }

    /** Binds 127.0.0.1:{@code port} (0: any free port). */
    static FloorServer start(Path slugs, int port) throws Exception {
        if (!Epoll.isAvailable()) {
            throw new IllegalStateException("native epoll is not available", Epoll.unavailabilityCause());
        }
        FloorRedirects redirects = FloorRedirects.read(slugs);
        EventLoopGroup loop = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            Channel listener = new ServerBootstrap()
                    .group(loop)
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
            return new FloorServer(loop, listener);
        } catch (Exception e) {
            loop.shutdownGracefully();
            throw e;
        }
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

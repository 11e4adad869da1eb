package io.smartlinkd.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * One open-loop run: starts the event loops and the lanes, samples the latency recorder once a second into a
 * {@link LatencyLog}, prints {@link Progress} lines, waits for the lanes to drain and sums their counters into a
 * {@link Report}. Latency is recorded in microseconds. Not reusable: one instance, one {@link #run()}.
 */
final class LoadRun {
    /** Everything a run needs, already validated by {@link OpenLoop}. */
    record Config(
        InetSocketAddress target,
        RequestMix mix,
        double ratePerSecond,
        long warmupNs,
        long durationNs,
        int connections,
        int threads,
        boolean churn,
        long timeoutNs,
        boolean nio,
        Path hlog,
        long progressNs,
        PrintStream progressOut,
        long seed,
        boolean countSlugs) {
    }

    private final Config config;

    LoadRun(Config config) {
        this.config = config;
    }

    Report run() throws IOException, InterruptedException {
        boolean epoll = !config.nio() && Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends Channel> channelType = epoll ? EpollSocketChannel.class : NioSocketChannel.class;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(config.threads(), io);
        try {
            return run(group, channelType, epoll ? "epoll" : "nio");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
        }
    }

    /** One periodic task per loop finds its lanes' overdue requests (to a tenth of the timeout, at most 10 ms). */
    private void sweepTimeouts(List<Lane> lanes, List<EventLoop> loops) {
        long periodNs = Math.max(TimeUnit.MICROSECONDS.toNanos(100),
            Math.min(TimeUnit.MILLISECONDS.toNanos(10), config.timeoutNs() / 10));
        for (EventLoop loop : loops) {
            Lane[] own = lanes.stream().filter(lane -> lane.loop() == loop).toArray(Lane[]::new);
            loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (Lane lane : own) {
                    lane.expireIfOverdue(now);
                }
            }, periodNs, periodNs, TimeUnit.NANOSECONDS);
        }
    }

    private Report run(EventLoopGroup group, Class<? extends Channel> channelType, String transport)
        throws IOException, InterruptedException {
        Bootstrap template = new Bootstrap()
            .group(group)
            .channel(channelType)
            .remoteAddress(config.target())
            .option(ChannelOption.TCP_NODELAY, true)
            // Requests are written into pooled buffers: their memory comes back to the event loop's cache, no garbage.
            .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
            .option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) Math.max(1, Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(config.timeoutNs()))))
            .handler(new ChannelInboundHandlerAdapter());
        long startMs = System.currentTimeMillis(); // the recorder's first interval starts now: the log's base time
        Recorder recorder = new Recorder(3);
        Progress progress = new Progress(config.progressNs(), config.progressOut());
        CountDownLatch done = new CountDownLatch(config.connections());
        double periodNs = 1e9 / config.ratePerSecond();
        List<Lane> lanes = new ArrayList<>(config.connections());
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(e -> loops.add((EventLoop) e));
        SplittableRandom seeds = new SplittableRandom(config.seed());
        for (int i = 0; i < config.connections(); i++) {
            lanes.add(new Lane(template, loops.get(i % loops.size()), config.mix(), recorder, progress, done,
                seeds.split(), config.churn(), config.timeoutNs(), periodNs, i, config.connections(),
                config.countSlugs()));
        }
        if (!config.churn()) {
            List<ChannelFuture> connects = new ArrayList<>();
            for (Lane lane : lanes) {
                connects.add(lane.preconnect());
            }
            for (ChannelFuture f : connects) {
                if (!f.awaitUninterruptibly().isSuccess()) {
                    throw new IOException("cannot connect to " + config.target() + ": " + f.cause().getMessage(),
                        f.cause());
                }
            }
        }
        sweepTimeouts(lanes, loops);
        // The slugs, user agents and connections are all live now; the first young collection would copy them, a
        // 15-25 ms pause on one core that used to fall in the measured window. Tenure them before the clock starts.
        System.gc();
        long t0 = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
        long measureFrom = t0 + config.warmupNs();
        long end = measureFrom + config.durationNs();
        progress.start(t0, measureFrom, end);
        for (Lane lane : lanes) {
            lane.start(t0, measureFrom, end);
        }

        long drainDeadline = end + config.timeoutNs() + TimeUnit.SECONDS.toNanos(2);
        try (LatencyLog latency = new LatencyLog(recorder, config.hlog(), startMs)) {
            long nextSampleNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
            boolean finished = false;
            while (!finished) {
                long wakeNs = Math.min(Math.min(nextSampleNs, drainDeadline), progress.dueNs());
                finished = done.await(Math.max(0, wakeNs - System.nanoTime()), TimeUnit.NANOSECONDS)
                    || System.nanoTime() >= drainDeadline;
                long now = System.nanoTime();
                progress.tick(now);
                if (finished || now >= nextSampleNs) {
                    latency.sample(now >= measureFrom);
                    nextSampleNs += TimeUnit.SECONDS.toNanos(1);
                }
            }
            // The lanes' counters are published by the latch; if one did not drain in time, read them anyway.
            Report.Builder report = new Report.Builder(config.ratePerSecond(), config.durationNs(),
                config.warmupNs(), config.connections(), config.threads(), transport, config.churn(),
                latency.total(), config.countSlugs() ? new long[config.mix().slugCount()] : null);
            for (Lane lane : lanes) {
                report.add(lane);
            }
            return report.build(done.getCount());
        }
    }
}

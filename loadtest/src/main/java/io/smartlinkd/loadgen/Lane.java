package io.smartlinkd.loadgen;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;

/**
 * One connection's share of the schedule: lane {@code i} of {@code N} owns the intended start times
 * {@code t0 + (i + k * N) / rate}. At most one request is in flight; a request that falls due while the lane is busy
 * is sent as soon as the previous response arrives, and its latency still counts from its intended time (coordinated
 * omission correction). With {@code churn} every request opens a new connection and the server closes it.
 *
 * <p>The measured phase has a schedule of its own, {@code measureFrom + (i + k * N) / rate}: warm-up requests still
 * unsent when it begins are dropped and counted ({@code warmupSkipped}). The warm-up is where the generator's own JIT
 * and the server's first sight of each user agent happen; a backlog from it would otherwise be measured as the
 * server's latency.
 *
 * <p>Threading: every field is owned by the lane's event loop; {@link LoadRun} reads the counters only after
 * {@link #done} has counted down. Each request is drawn afresh by {@link RequestMix} into the lane's one
 * {@link Request} and copied into a buffer from the channel's pooled allocator (released by the write, its memory
 * reused by the next). Timeouts are found by {@link LoadRun}'s sweep of the loop's lanes ({@link #expireIfOverdue}),
 * not by a timer per request: a scheduled task per request cost a priority-queue insert, a removal and an object.
 */
final class Lane implements Runnable, ResponseReader.Listener {
    /** A start later than this after the lane could have sent it is the generator's own lag. */
    static final long LATE_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Bootstrap bootstrap;
    private final EventLoop loop;
    private final RequestMix mix;
    private final Recorder recorder;
    private final Progress progress;
    private final CountDownLatch done;
    private final SplittableRandom random;
    private final boolean churn;
    private long measureFromNs;
    private long endNs;
    private final long timeoutNs;
    private final double periodNs;
    private final long first;
    private final long stride;
    private final Request request;

    private long phaseStartNs;
    private boolean measuring;
    private long k;
    private long nextIntendedNs;
    private Channel channel;
    private boolean busy;
    private boolean finished;
    private boolean measured;
    private long intendedNs;
    private long sentNs;
    private long freeSinceNs;

    long started;
    long responses;
    long status2xx3xx;
    long status4xx;
    long status5xx;
    long errConnect;
    long errTimeout;
    long errIo;
    long errOther;
    long lateStarts;
    long unsent;
    long warmupSkipped;
    /** Requests per slug rank in the measured window, or null when not counted. */
    long[] slugHits;

    Lane(Bootstrap template, EventLoop loop, RequestMix mix, Recorder recorder, Progress progress,
         CountDownLatch done, SplittableRandom random, boolean churn, long timeoutNs, double periodNs, int index,
         int lanes, boolean countSlugs) {
        this.bootstrap = template.clone(loop).handler(new Initializer(this));
        this.loop = loop;
        this.mix = mix;
        this.recorder = recorder;
        this.progress = progress;
        this.done = done;
        this.random = random;
        this.churn = churn;
        this.timeoutNs = timeoutNs;
        this.periodNs = periodNs;
        this.first = index;
        this.stride = lanes;
        this.request = new Request(mix.maxRequestBytes());
        this.slugHits = countSlugs ? new long[mix.slugCount()] : null;
    }

    EventLoop loop() {
        return loop;
    }

    /** Opens the keep-alive connection before the clock starts; called once, off the loop. */
    ChannelFuture preconnect() {
        ChannelFuture f = bootstrap.connect();
        channel = f.channel();
        return f;
    }

    /** Starts the lane's schedule at {@code t0Ns} on its loop (the hand-over publishes the times). */
    void start(long t0Ns, long measureFromNs, long endNs) {
        this.measureFromNs = measureFromNs;
        this.endNs = endNs;
        this.phaseStartNs = t0Ns;
        this.measuring = t0Ns >= measureFromNs;
        this.nextIntendedNs = intended(0);
        loop.execute(this);
    }

    private long intended(long n) {
        return phaseStartNs + (long) ((first + n * stride) * periodNs);
    }

    /** Switches to the measured schedule once the warm-up's is used up or its time is over. */
    private void enterMeasurementIfDue(long now) {
        if (measuring || (now < measureFromNs && nextIntendedNs < measureFromNs)) {
            return;
        }
        while (nextIntendedNs < measureFromNs) {
            warmupSkipped++;
            nextIntendedNs = intended(++k);
        }
        measuring = true;
        phaseStartNs = measureFromNs;
        k = 0;
        nextIntendedNs = intended(0);
    }

    /** The lane's timer: sends the next request if it is due, otherwise sleeps until it is. */
    @Override
    public void run() {
        if (busy || finished) {
            return;
        }
        long now = System.nanoTime();
        enterMeasurementIfDue(now);
        if (nextIntendedNs >= endNs) {
            finish();
            return;
        }
        if (now < nextIntendedNs) {
            loop.schedule(this, nextIntendedNs - now, TimeUnit.NANOSECONDS);
            return;
        }
        if (now - Math.max(nextIntendedNs, freeSinceNs) > LATE_NS && nextIntendedNs >= measureFromNs) {
            lateStarts++;
        }
        send(now);
    }

    private void send(long now) {
        intendedNs = nextIntendedNs;
        nextIntendedNs = intended(++k);
        measured = intendedNs >= measureFromNs;
        if (measured) {
            started++;
        }
        busy = true;
        sentNs = now;
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            write(ch);
        } else {
            if (ch != null) {
                ch.close();
            }
            ChannelFuture f = bootstrap.connect();
            channel = f.channel();
            f.addListener(connected);
        }
    }

    private final ChannelFutureListener connected = this::connected;

    private void connected(ChannelFuture f) {
        if (f.channel() != channel || !busy) {
            f.channel().close();
            return;
        }
        if (f.isSuccess()) {
            write(f.channel());
        } else {
            channel = null;
            if (measured) {
                errConnect++;
            }
            progress.error();
            complete(false);
        }
    }

    private void write(Channel ch) {
        mix.draw(random, request);
        if (slugHits != null && measured) {
            slugHits[request.slugRank]++;
        }
        ByteBuf out = ch.alloc().ioBuffer(request.length);
        out.writeBytes(request.bytes, 0, request.length);
        ch.writeAndFlush(out, ch.voidPromise());
    }

    /** Called by the loop's sweep: gives up on a request (or connect) that has waited longer than the timeout. */
    void expireIfOverdue(long now) {
        if (!busy || now - sentNs < timeoutNs) {
            return;
        }
        if (measured) {
            errTimeout++;
        }
        progress.error();
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            ch.close();
        }
        complete(false);
    }

    @Override
    public void onResponse(Channel ch, int status, boolean keepAlive) {
        if (ch != channel || !busy) {
            return;
        }
        long latencyUs = Math.max(0, (System.nanoTime() - intendedNs) / 1000);
        progress.record(latencyUs);
        if (status < 200 || status >= 400) {
            progress.error();
        }
        if (measured) {
            responses++;
            recorder.recordValue(latencyUs);
            if (status >= 500) {
                status5xx++;
            } else if (status >= 400) {
                status4xx++;
            } else if (status >= 200) {
                status2xx3xx++;
            } else {
                errOther++;
            }
        }
        if (churn || !keepAlive) {
            channel = null;
            ch.close();
        }
        complete(true);
    }

    /** The connection broke or sent garbage while a request was in flight. */
    @Override
    public void onBroken(Channel ch, boolean io) {
        if (ch != channel || !busy) {
            return;
        }
        if (measured) {
            if (io) {
                errIo++;
            } else {
                errOther++;
            }
        }
        progress.error();
        channel = null;
        ch.close();
        complete(false);
    }

    private void complete(boolean ok) {
        busy = false;
        long now = System.nanoTime();
        freeSinceNs = now;
        enterMeasurementIfDue(now);
        if (nextIntendedNs >= endNs) {
            finish();
        } else if (now >= nextIntendedNs) {
            if (ok) {
                send(now);
            } else {
                loop.execute(this); // not inline: a refused connect may fail synchronously, do not recurse
            }
        } else {
            loop.schedule(this, nextIntendedNs - now, TimeUnit.NANOSECONDS);
        }
    }

    private void finish() {
        if (finished) {
            return;
        }
        finished = true;
        // Requests that fell due before the end but were never sent: the lane was still busy at the end.
        while (nextIntendedNs < endNs) {
            if (nextIntendedNs >= measureFromNs) {
                unsent++;
            }
            nextIntendedNs = intended(++k);
        }
        if (channel != null) {
            channel.close();
            channel = null;
        }
        done.countDown();
    }

    /** Builds the pipeline of a lane's connection: the response reader, which reports to the lane. */
    private static final class Initializer extends ChannelInitializer<Channel> {
        private final Lane lane;

        Initializer(Lane lane) {
            this.lane = lane;
        }

        @Override
        protected void initChannel(Channel ch) {
            ch.pipeline().addLast(new ResponseReader(lane));
        }
    }
}

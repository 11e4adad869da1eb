package io.smartlinkd.bench;

import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * JMH's worker threads as Netty makes its event-loop threads ({@code FastThreadLocalThread}s), selected with
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.smartlinkd.bench.EventLoopThreads} in the fork: the hot path
 * runs on such threads in the server, and Netty's per-thread object pools behave differently on plain threads.
 */
public final class EventLoopThreads extends ThreadPoolExecutor {
    /** The constructor JMH's CUSTOM executor calls: thread count and name prefix. */
    public EventLoopThreads(int threads, String prefix) {
        super(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
                new DefaultThreadFactory(prefix + "-jmh-worker", true));
    }
}

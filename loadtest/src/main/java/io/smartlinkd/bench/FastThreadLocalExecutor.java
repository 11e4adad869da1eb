package io.smartlinkd.bench;

import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * JMH's worker threads as {@link FastThreadLocalThread}s, like the server's event loops: Netty keeps its buffer
 * caches and object recyclers per thread only for those, so on JMH's plain threads a click pays allocations the
 * server never does. Used by benchmarks that drive the Netty pipeline, through
 * {@code -Djmh.executor=CUSTOM -Djmh.executor.class=io.smartlinkd.bench.FastThreadLocalExecutor}.
 */
public final class FastThreadLocalExecutor extends ThreadPoolExecutor {
    /** The constructor JMH calls for a custom executor. */
    public FastThreadLocalExecutor(int maxThreads, String prefix) {
        super(maxThreads, maxThreads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), new Factory(prefix));
    }

    private static final class Factory implements java.util.concurrent.ThreadFactory {
        private final String prefix;
        private final AtomicInteger next = new AtomicInteger();

        Factory(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public Thread newThread(Runnable task) {
            Thread thread = new FastThreadLocalThread(task, prefix + "-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    }
}

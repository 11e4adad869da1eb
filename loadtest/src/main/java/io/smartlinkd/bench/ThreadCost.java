package io.smartlinkd.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the benchmark thread alone spends per op, printed after each iteration as
 * {@code [thread] N ns CPU, M B per op}. On a shared machine the score (wall time per op) also counts the time the
 * thread waited for a core; the CPU time does not. {@code -prof gc}'s B/op counts every thread of the JVM (journal
 * writer, refill threads...); these bytes are the event loop's own, the hot path's. Benchmarks take it as a
 * parameter and count each op with {@link #op}.
 */
@State(Scope.Thread)
public class ThreadCost {
    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private long startNs;
    private long startBytes;
    private long ops;

    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
        startBytes = THREADS.getCurrentThreadAllocatedBytes();
        startNs = THREADS.getCurrentThreadCpuTime();
    }

    public void op() {
        ops++;
    }

    public void ops(int count) {
        ops += count;
    }

    @TearDown(Level.Iteration)
    public void report() {
        long cpuNs = THREADS.getCurrentThreadCpuTime() - startNs;
        long bytes = THREADS.getCurrentThreadAllocatedBytes() - startBytes;
        if (ops > 0) {
            System.out.printf(" [thread] %.1f ns CPU, %.2f B per op ", cpuNs / (double) ops, bytes / (double) ops);
        }
    }
}

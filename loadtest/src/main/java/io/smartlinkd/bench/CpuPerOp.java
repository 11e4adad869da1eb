package io.smartlinkd.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The benchmark thread's CPU time per op, printed after each iteration as {@code [cpu] N ns/op}. On a shared
 * machine the score (wall time per op) also counts the time the thread waited for a core; this does not, so it
 * stays comparable between a quiet and a busy machine. Work of other threads (journal writer, refill threads) is
 * not in it. Benchmarks take it as a parameter and count each op with {@link #op}.
 */
@State(Scope.Thread)
public class CpuPerOp {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long startNs;
    private long ops;

    @Setup(Level.Iteration)
    public void start() {
        ops = 0;
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
        if (ops > 0) {
            System.out.printf(" [cpu] %.1f ns/op", (THREADS.getCurrentThreadCpuTime() - startNs) / (double) ops);
        }
    }
}

package io.smartlinkd.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;

/** HotSpot's per-thread allocated-bytes counter, switched on, for the allocation tests; skips where it is absent. */
public final class AllocationCounter {
    private AllocationCounter() {
    }

    public static com.sun.management.ThreadMXBean enabled() {
        java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        assumeTrue(threads instanceof com.sun.management.ThreadMXBean, "HotSpot thread allocation counter");
        com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) threads;
        assumeTrue(counter.isThreadAllocatedMemorySupported(), "thread allocation counter supported");
        counter.setThreadAllocatedMemoryEnabled(true);
        return counter;
    }
}

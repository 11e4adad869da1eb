package io.smartlinkd.agent;

import io.smartlinkd.testing.AllocationCounter;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A sanity check that classifying allocates nothing once warm, on a hit and on a miss; JMH measures the real
 * numbers ({@code UserAgentBenchmark}).
 */
@Timeout(120)
class UserAgentClassifierAllocationTest {
    private static final int CALLS = 100_000;
    private static final String[] AGENTS = WellKnownAgents.BROWSERS;

    @Test
    void shouldAllocateNothingOnAHitOrAMissOnceWarm() throws Exception {
        com.sun.management.ThreadMXBean counter = allocationCounter();
        UserAgentClassifier classifier = new UserAgentClassifier(BotRules.builtIn(), 1024, 16, 7);
        FullParse fullParse = new FullParse();
        ClassificationCache cache = classifier.cache();
        String[] hits = new String[AGENTS.length];
        String[] misses = new String[AGENTS.length];
        for (int i = 0; i < AGENTS.length; i++) {
            hits[i] = AGENTS[i];
            misses[i] = AGENTS[i] + " never-cached";
            cache.put(cache.hash(hits[i]), fullParse.classify(hits[i], classifier.rules()));
        }
        long sink = classifyMany(classifier, hits) + classifyMany(classifier, misses); // warm up: C1, C2

        for (String[] userAgents : new String[][] {hits, misses}) {
            long fewest = Long.MAX_VALUE;
            for (int attempt = 0; attempt < 5; attempt++) {
                for (int warm = 0; warm < 10; warm++) {
                    sink += classifyMany(classifier, userAgents);
                }
                long before = counter.getCurrentThreadAllocatedBytes();
                sink += classifyMany(classifier, userAgents);
                fewest = Math.min(fewest, counter.getCurrentThreadAllocatedBytes() - before);
            }
            String path = userAgents == hits ? "hits" : "misses";
            assertTrue(fewest < 1024, "allocated " + fewest + " bytes for " + CALLS + " " + path);
        }
        assertTrue(sink != 0);
        assertTrue(classifier.dropped() > 0, "misses went to the full queue");
    }

    private static long classifyMany(UserAgentClassifier classifier, String[] userAgents) {
        long sink = 0;
        for (int i = 0; i < CALLS; i++) {
            sink += classifier.classify(userAgents[i % userAgents.length]);
        }
        return sink;
    }

    private static com.sun.management.ThreadMXBean allocationCounter() {
        com.sun.management.ThreadMXBean counter = AllocationCounter.enabled();
        return counter;
    }
}

package io.smartlinkd.agent;

import io.smartlinkd.bench.SmartlinkdBenchmark;
import io.smartlinkd.bench.UserAgentCorpus;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Random;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What classifying a click's user agent costs the event loop, with user agents drawn by traffic weight from the
 * {@code user-agents} corpus (fetched by the build into {@code server/target/corpora}; run from the repository root,
 * or pass {@code -Dsmartlinkd.corpora=DIR}):
 * <ul>
 *   <li>{@code hit}: hash + cache lookup, every user agent already parsed (the steady state);</li>
 *   <li>{@code miss}: hash + lookup + token scan + offer to the background queue (never started here, and emptied
 *       between iterations, so every call is a queued miss);</li>
 *   <li>{@code scanOnly}, {@code hashOnly}: the parts.</li>
 * </ul>
 * Run: {@code java -jar loadtest/target/benchmarks.jar UserAgent -prof gc}. In the package of the classifier to
 * reach its cache and queue.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class UserAgentBenchmark extends SmartlinkdBenchmark {
    private static final int DRAWS = 1 << 16;
    // Big enough that a one-second iteration of misses never finds it full.
    private static final int QUEUE_CAPACITY = 1 << 24;

    private String[] userAgents;
    private int next;
    private UserAgentClassifier hits;
    private UserAgentClassifier misses;
    private UserAgentScanner scanner;
    private ClassificationCache cache;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        userAgents = UserAgentCorpus.load().draw(DRAWS, new Random(42));
        BotRules rules = BotRules.builtIn();
        scanner = rules.scanner();

        hits = new UserAgentClassifier(rules, 65_536, 1024, 42);
        FullParse fullParse = new FullParse();
        for (String userAgent : new LinkedHashSet<>(Arrays.asList(userAgents))) {
            hits.cache().put(hits.cache().hash(userAgent), fullParse.classify(userAgent, rules));
        }
        cache = hits.cache();
        misses = new UserAgentClassifier(rules, 65_536, QUEUE_CAPACITY, 42);
    }

    @Setup(Level.Iteration)
    public void emptyQueue() {
        misses.queue().clear();
    }

    @Benchmark
    public long hit() {
        return hits.classify(nextUserAgent());
    }

    @Benchmark
    public long miss() {
        return misses.classify(nextUserAgent());
    }

    @Benchmark
    public long scanOnly() {
        return scanner.classify(nextUserAgent());
    }

    @Benchmark
    public long hashOnly() {
        return cache.hash(nextUserAgent());
    }

    private String nextUserAgent() {
        return userAgents[next++ & (DRAWS - 1)];
    }
}

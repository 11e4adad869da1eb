package io.smartlinkd.agent;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background classifier's duty cycle: takes user agents the event loops missed from the queue, parses each
 * fully and stores the final answer in the cache; applies new {@link BotRules} by emptying the cache, so every
 * answer from then on follows them. The only writer of the cache. Runs on one thread (an Agrona agent runner).
 */
final class ClassifierAgent implements Agent {
    /** Parses per duty cycle, so new rules are picked up within a few milliseconds even under a backlog. */
    private static final int BATCH = 16;

    private final ManyToOneConcurrentArrayQueue<String> queue;
    private final ClassificationCache cache;
    private final AtomicReference<ActiveRules> pendingRules = new AtomicReference<>();
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierAgent.class);
    private static final int MAX_LOGGED_FAILURES = 10;

    private final AtomicLong parsed = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private ActiveRules rules;
    private FullParse fullParse;

    ClassifierAgent(ManyToOneConcurrentArrayQueue<String> queue, ClassificationCache cache, ActiveRules rules) {
        this.queue = queue;
        this.cache = cache;
        this.rules = rules;
    }

    @Override
    public void onStart() {
        fullParse = new FullParse(); // off the caller's thread: loading uap-java's regexes takes about a second
    }

    @Override
    public int doWork() {
        int work = 0;
        ActiveRules newRules = pendingRules.getAndSet(null);
        if (newRules != null) {
            rules = newRules;
            cache.clear();
            work++;
        }
        for (int i = 0; i < BATCH; i++) {
            String userAgent = queue.poll();
            if (userAgent == null) {
                break;
            }
            work++;
            long hash = cache.hash(userAgent);
            long cached = cache.get(hash);
            if (cached == ClassificationCache.MISSING || Classification.generation(cached) != rules.generation()) {
                // Several loops may miss the same new user agent before it is stored: parse it once.
                cache.put(hash, Classification.withGeneration(classify(userAgent), rules.generation()));
                parsed.lazySet(parsed.get() + 1);
            }
        }
        return work;
    }

    /**
     * A user agent the full parse fails on keeps the scanner's answer, made final: otherwise it would come back on
     * every click and fail again.
     */
    private long classify(String userAgent) {
        try {
            return fullParse.classify(userAgent, rules.rules());
        } catch (RuntimeException | StackOverflowError e) {
            long failed = failures.incrementAndGet();
            if (failed <= MAX_LOGGED_FAILURES) {
                LOG.warn("user agent parse failed ({} of {} logged), keeping the scanner's answer: {} for {}", failed,
                        MAX_LOGGED_FAILURES, e.toString(), describe(userAgent));
            }
            return rules.rules().scanner().classify(userAgent) | Classification.FINAL;
        }
    }

    private static String describe(String userAgent) {
        StringBuilder text = new StringBuilder(Math.min(userAgent.length(), 200) + 16).append('"');
        for (int i = 0; i < Math.min(userAgent.length(), 200); i++) {
            char c = userAgent.charAt(i);
            text.append(c >= ' ' && c < 127 ? c : '?');
        }
        return text.append(userAgent.length() > 200 ? "...\"" : "\"").toString();
    }

    @Override
    public String roleName() {
        return "smartlinkd-user-agents";
    }

    /** Hands new rules to the agent thread; any thread. */
    void offerRules(ActiveRules newRules) {
        pendingRules.set(newRules);
    }

    long parsed() {
        return parsed.get();
    }

    long failures() {
        return failures.get();
    }
}

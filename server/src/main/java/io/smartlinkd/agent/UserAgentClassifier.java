package io.smartlinkd.agent;

import io.smartlinkd.config.BotsConfig;
import io.smartlinkd.config.ConfigException;
import java.security.SecureRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.ManyToOneConcurrentArrayQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Device type, OS family, browser family and bot verdict of a user agent, for every click.
 *
 * <p>{@link #classify} is for event loops: it hashes the user agent's chars and looks the hash up in a shared
 * lock-free cache of final answers. On a miss it answers at once with the provisional verdict of a token scanner
 * (one pass, no regex) and queues the user agent for a background thread, which parses it fully with uap-java and
 * the crawler list and stores the final answer; later clicks with it hit. Nothing here blocks or locks, and neither
 * path allocates when the user agent is a {@link String} (a miss on another {@link CharSequence} copies it once to
 * queue it). When the queue is full the user agent is dropped (counted) and comes back on its next miss.
 *
 * <p>The answer is a long; read it with {@link #device}, {@link #os}, {@link #browser}, {@link #bot} and
 * {@link #isFinal}. Codes are {@link Families}' codes.
 *
 * <p>Lifecycle: construct, {@link #start()} (the background thread; until then every miss stays provisional),
 * {@link #reload} with the rules of each new config, {@link #close()}. Thread-safe.
 */
public final class UserAgentClassifier implements AutoCloseable {
    public static final int DEFAULT_QUEUE_CAPACITY = 4096;

    private static final Logger LOG = LoggerFactory.getLogger(UserAgentClassifier.class);
    private static final long MAX_IDLE_PARK_NS = TimeUnit.MILLISECONDS.toNanos(10);

    private final ClassificationCache cache;
    private final ManyToOneConcurrentArrayQueue<String> queue;
    private final ClassifierAgent agent;
    private final AgentRunner runner;
    private final LongAdder misses = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private volatile ActiveRules active;
    private boolean started;
    private volatile FullParse explainParse;

    /**
     * @param rules      the bot rules to start with
     * @param cacheSlots user agents remembered: a power of two, 64 to 2^24; 16 bytes each, off-heap
     */
    public UserAgentClassifier(BotRules rules, int cacheSlots) {
        this(rules, cacheSlots, DEFAULT_QUEUE_CAPACITY, new SecureRandom().nextLong());
    }

    UserAgentClassifier(BotRules rules, int cacheSlots, int queueCapacity, long seed) {
        if (rules == null) {
            throw new IllegalArgumentException("rules must not be null");
        }
        this.active = new ActiveRules(rules, 0);
        this.cache = new ClassificationCache(cacheSlots, seed);
        this.queue = new ManyToOneConcurrentArrayQueue<>(queueCapacity);
        this.agent = new ClassifierAgent(queue, cache, active);
        // Spins briefly while busy, then parks up to 10 ms: a burst of new user agents is parsed without delay, and
        // an idle classifier wakes about 100 times a second.
        this.runner = new AgentRunner(new BackoffIdleStrategy(10, 10, 1_000, MAX_IDLE_PARK_NS),
                error -> LOG.error("user agent classifier failed", error), null, agent);
    }

    /** A classifier with the config's rules (reads the crawler list) and cache size. */
    public static UserAgentClassifier of(BotsConfig config) throws ConfigException {
        return new UserAgentClassifier(BotRules.load(config), config.userAgentCache());
    }

    /** Starts the background thread (a daemon). Call once. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        AgentRunner.startOnThread(runner, task -> {
            Thread thread = new Thread(task, agent.roleName());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * The classification of a user agent: final when it was parsed before, provisional otherwise. Null or empty
     * means a bot of device type "other". Any thread; no locks, no allocation for a String.
     */
    public long classify(CharSequence userAgent) {
        if (userAgent == null || userAgent.length() == 0) {
            return Classification.ABSENT;
        }
        ActiveRules rules = active;
        long cached = cache.get(userAgent);
        if (cached != ClassificationCache.MISSING && Classification.generation(cached) == rules.generation()) {
            return Classification.withoutGeneration(cached);
        }
        misses.increment();
        // The copy is the one allocation of a miss: not made when the parser's queue is full anyway.
        if (queue.remainingCapacity() == 0 || !queue.offer(userAgent.toString())) {
            dropped.increment();
        }
        return rules.rules().scanner().classify(userAgent);
    }

    /**
     * The final classification computed now, on the caller's thread, without the cache: for the admin explain
     * endpoint and the offline CLI, never for a click (the first call loads uap-java's regexes, about a second;
     * each parse costs about a millisecond).
     */
    public long classifyFully(String userAgent) {
        if (userAgent == null || userAgent.isEmpty()) {
            return Classification.ABSENT;
        }
        FullParse parse = explainParse;
        if (parse == null) {
            synchronized (this) {
                if (explainParse == null) {
                    explainParse = new FullParse();
                }
                parse = explainParse;
            }
        }
        synchronized (parse) {
            return parse.classify(userAgent, active.rules());
        }
    }

    /**
     * Applies the rules of a new config at once: answers cached under the old rules become misses (provisional
     * answers with the new rules) and each user agent is parsed again on its next miss; the background thread
     * empties the cache. Rules equal to the current ones change nothing, so reloading an unrelated file keeps the
     * cache. Any thread; a reload thread in practice.
     *
     * @return whether the rules changed
     */
    public synchronized boolean reload(BotRules newRules) {
        if (newRules.sameAs(active.rules())) {
            return false;
        }
        active = active.next(newRules);
        agent.offerRules(active);
        return true;
    }

    /** Stops the background thread; classify keeps answering from the cache and the scanner. */
    @Override
    public void close() {
        runner.close();
    }

    public BotRules rules() {
        return active.rules();
    }

    /** Clicks whose user agent was not in the cache. */
    public long misses() {
        return misses.sum();
    }

    /** Misses not queued for parsing because the queue was full. */
    public long dropped() {
        return dropped.sum();
    }

    /** User agents parsed fully by the background thread. */
    public long parsed() {
        return agent.parsed();
    }

    /** Full parses that failed; those user agents keep the scanner's answer. */
    public long failures() {
        return agent.failures();
    }

    public int cacheCapacity() {
        return cache.capacity();
    }

    /** For tests and benchmarks: the cache, to fill it without the background thread. */
    ClassificationCache cache() {
        return cache;
    }

    /** For tests and benchmarks: the queue of missed user agents. */
    ManyToOneConcurrentArrayQueue<String> queue() {
        return queue;
    }

    public static int device(long classification) {
        return Classification.device(classification);
    }

    public static int os(long classification) {
        return Classification.os(classification);
    }

    public static int browser(long classification) {
        return Classification.browser(classification);
    }

    public static boolean bot(long classification) {
        return Classification.bot(classification);
    }

    /** Whether the answer comes from the full parse rather than the scanner. */
    public static boolean isFinal(long classification) {
        return Classification.isFinal(classification);
    }

    /** E.g. {@code mobile/iOS/Mobile Safari}, {@code other/Other/Other/bot}, for logs and explanations. */
    public static String describe(long classification) {
        return Classification.describe(classification);
    }
}

package io.smartlinkd.discount;

import io.smartlinkd.config.DiscountConfig;
import io.smartlinkd.link.ByteRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The discounts of a running node: the issued-code store, one pool per discount, and the one background thread
 * that does everything slow: making codes (at the store first, with a store provider) to keep pools above their
 * low-water mark, purging codes past validity and grace, and deleting purged or retired codes at the store.
 *
 * <p>Pools outlive config generations: a reload that keeps a discount (same id, provider, store and code format)
 * keeps its pool. Codes made for a pool but never handed out are retired at the next start rather than reused,
 * because after a crash we cannot tell which of them a click already carried away.
 */
public final class DiscountService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DiscountService.class);
    private static final int BATCH = 250;
    private static final long IDLE_MS = 20;
    private static final long FAILURE_BACKOFF_MS = 5_000;

    private final IssuedCodes store;
    private final Function<DiscountConfig, CodeProvider> providers;
    private final LongSupplier clock;
    private final long purgeIntervalMs;
    private final BufferedSecureRandom random = new BufferedSecureRandom();
    private final ByteRecord mintedKey = new ByteRecord(CodeFormat.MAX_CODE_CHARS);
    private final Map<String, Live> live = new ConcurrentHashMap<>();
    private final List<Retired> retiring = new ArrayList<>();
    private final AtomicLong refillFailures = new AtomicLong();
    private final AtomicLong purged = new AtomicLong();
    private final Thread worker;
    private volatile boolean running = true;
    private volatile boolean applied;
    private long nextPurgeMs;

    /** A discount's pool with what made it; replaced when the discount's code source changes. */
    private static final class Live {
        private final DiscountConfig config;
        private final CodePool pool;
        private final CodeProvider provider;
        /** After a failed refill, no new attempt before this (epoch ms); only the worker thread touches it. */
        private long retryAfterMs;

        Live(DiscountConfig config, CodePool pool, CodeProvider provider) {
            this.config = config;
            this.pool = pool;
            this.provider = provider;
        }

        DiscountConfig config() {
            return config;
        }

        CodePool pool() {
            return pool;
        }

        CodeProvider provider() {
            return provider;
        }

        boolean sameSource(DiscountConfig other) {
            return config.provider().equals(other.provider()) && config.format().equals(other.format())
                    && java.util.Objects.equals(config.store(), other.store())
                    && java.util.Objects.equals(config.shopify(), other.shopify())
                    && config.poolSize() == other.poolSize() && config.lowWater() == other.lowWater();
        }
    }

    /** Codes to delete at a store whose discount may no longer be configured. */
    private record Retired(CodeProvider provider, List<ProvidedCode> codes) {
    }

    private DiscountService(IssuedCodes store, Function<DiscountConfig, CodeProvider> providers, LongSupplier clock,
                            long purgeIntervalMs) {
        this.store = store;
        this.providers = providers;
        this.clock = clock;
        this.purgeIntervalMs = purgeIntervalMs;
        this.worker = new Thread(this::run, "discount-codes");
        this.worker.setDaemon(true);
    }

    /**
     * Opens the store in {@code dir} and starts the background thread.
     *
     * @param providers makes the code source of a discount (local, or the store's API client)
     * @param clock     epoch ms; tests move it
     */
    public static DiscountService start(Path dir, long capacity, Function<DiscountConfig, CodeProvider> providers,
                                        LongSupplier clock, long purgeIntervalMs) throws IOException {
        DiscountService service = new DiscountService(IssuedCodes.open(dir, capacity), providers, clock,
                purgeIntervalMs);
        service.worker.start();
        return service;
    }

    public IssuedCodes store() {
        return store;
    }

    /**
     * Gives every discount of a generation its pool, making pools for new or changed discounts; call before the
     * generation goes live. Pools of discounts no longer configured stop being refilled, and their ready codes are
     * retired.
     */
    public synchronized void apply(DiscountTable table) {
        Map<String, DiscountConfig> wanted = new HashMap<>();
        for (Discount discount : table.all()) {
            wanted.put(discount.id(), discount.config());
        }
        for (Map.Entry<String, Live> entry : new ArrayList<>(live.entrySet())) {
            DiscountConfig config = wanted.get(entry.getKey());
            if (config == null || !entry.getValue().sameSource(config)) {
                live.remove(entry.getKey());
                retire(entry.getValue());
            }
        }
        for (Discount discount : table.all()) {
            Live current = live.computeIfAbsent(discount.id(), id -> {
                DiscountConfig config = discount.config();
                return new Live(config, new CodePool(id, config.poolSize(), config.lowWater()),
                        providers.apply(config));
            });
            discount.attach(current.pool());
        }
        applied = true;
        LockSupport.unpark(worker);
    }

    /** The pool of a live discount, or null. */
    public CodePool pool(String discountId) {
        Live current = live.get(discountId);
        return current == null ? null : current.pool();
    }

    public List<CodePool> pools() {
        List<CodePool> pools = new ArrayList<>();
        for (Live current : live.values()) {
            pools.add(current.pool());
        }
        return pools;
    }

    /** Refills that failed (the store refused or was unreachable); retried after a back-off. */
    public long refillFailures() {
        return refillFailures.get();
    }

    /** Codes purged after their validity and grace. */
    public long purged() {
        return purged.get();
    }

    /**
     * Waits until every live pool holds at least its low-water mark of codes, or {@code timeoutMs} passes; true
     * when they do. At start, so the first clicks find codes (a store provider needs a round trip or two).
     */
    public boolean awaitStocked(long timeoutMs) throws InterruptedException {
        return awaitPools(pool -> !pool.belowLowWater(), timeoutMs);
    }

    /**
     * Waits until no live pool wants a refill (full, or short of less than a batch) or {@code timeoutMs} passes;
     * true when they are. For tests.
     */
    public boolean awaitFull(long timeoutMs) throws InterruptedException {
        return awaitPools(pool -> !pool.wantsRefill(BATCH), timeoutMs);
    }

    private boolean awaitPools(java.util.function.Predicate<CodePool> ready, long timeoutMs)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline) {
            if (live.values().stream().allMatch(current -> ready.test(current.pool()))) {
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    private void run() {
        boolean retired = false;
        while (running) {
            if (!retired) {
                if (!applied) {
                    // apply() fills live before it sets applied: a pool refilled now would be retired next.
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MS));
                    continue;
                }
                // After the first config: its providers are the ones to delete an earlier run's codes with.
                retireFromEarlierRun();
                retired = true;
            }
            boolean worked = false;
            for (Live current : live.values()) {
                if (!running) {
                    break;
                }
                worked |= refill(current);
            }
            long now = clock.getAsLong();
            if (now >= nextPurgeMs) {
                nextPurgeMs = now + purgeIntervalMs;
                purge(now);
            }
            deleteRetired();
            if (!worked) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_MS));
            }
        }
    }

    /** Tops one pool up by at most one batch; true if it made codes. */
    private boolean refill(Live current) {
        CodePool pool = current.pool();
        long now = clock.getAsLong();
        if (now < current.retryAfterMs || !pool.wantsRefill(BATCH)) {
            return false;
        }
        int count = Math.min(BATCH, pool.room());
        if (current.provider().mintedCodesExist()) {
            return refillMinted(current.config().format(), pool, count);
        }
        List<String> fresh = new ArrayList<>(count);
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (fresh.size() < count) {
            String code = new String(current.config().format().mint(random), StandardCharsets.US_ASCII);
            // 64+ random bits make a repeat practically impossible; checking keeps "never twice" unconditional.
            if (seen.add(code) && !store.contains(code)) {
                fresh.add(code);
            }
        }
        List<ProvidedCode> created;
        try {
            created = current.provider().create(fresh);
        } catch (IOException e) {
            refillFailures.incrementAndGet();
            current.retryAfterMs = now + FAILURE_BACKOFF_MS;
            LOG.warn("discount {}: cannot make codes at {} ({}); pool holds {}, retrying in {} s",
                    current.config().id(), current.provider().name(), e.getMessage(), pool.level(),
                    FAILURE_BACKOFF_MS / 1000);
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
            return false;
        }
        long made = clock.getAsLong();
        for (ProvidedCode code : created) {
            byte[] bytes = code.code().getBytes(StandardCharsets.US_ASCII);
            if (code.storeId() != 0) {
                // Recorded so it can be deleted at the store if no click takes it; a local code just vanishes.
                store.pooled(bytes, code.storeId(), current.config().id(), made);
            }
            if (!pool.offer(bytes, code.storeId())) {
                break;
            }
        }
        return !created.isEmpty();
    }

    /**
     * Tops a pool up with codes that need no store: minted into one buffer, copied into the pool's recycled slots.
     * Garbage-free, because under a busy influencer link this refill was the server's largest allocation, and every
     * collection cycle it set off marked the whole heap on the event loops' cores. A code already issued is skipped;
     * one minted twice into the pool (64+ random bits: practically never) is refused when the second click issues it
     * ({@link IssuedCodes#issue}), and that click takes the next code.
     */
    private boolean refillMinted(CodeFormat format, CodePool pool, int count) {
        byte[] code = new byte[format.codeChars()];
        boolean made = false;
        for (int i = 0; i < count; i++) {
            format.mintInto(random, code);
            if (store.contains(code, mintedKey)) {
                continue;
            }
            if (!pool.offer(code, 0)) {
                break;
            }
            made = true;
        }
        return made;
    }

    private void purge(long now) {
        Map<String, Long> graceById = new HashMap<>();
        long longestGrace = 0;
        long shortestGrace = Long.MAX_VALUE;
        for (Live current : live.values()) {
            graceById.put(current.config().id(), current.config().graceMs());
            longestGrace = Math.max(longestGrace, current.config().graceMs());
            shortestGrace = Math.min(shortestGrace, current.config().graceMs());
        }
        // A code of a discount no longer configured is kept for the longest grace of any, then purged.
        long fallbackGrace = longestGrace;
        List<IssuedCode> expired = store.purgeExpired(now, id -> graceById.getOrDefault(id, fallbackGrace),
                Math.min(shortestGrace, fallbackGrace));
        if (expired.isEmpty()) {
            return;
        }
        purged.addAndGet(expired.size());
        LOG.info("discounts: purged {} codes past validity and grace", expired.size());
        queueStoreDeletes(expired);
    }

    private void retireFromEarlierRun() {
        List<IssuedCode> retired = store.retirePooled();
        if (!retired.isEmpty()) {
            LOG.info("discounts: retired {} codes made for pools by an earlier run and never handed out",
                    retired.size());
            queueStoreDeletes(retired);
        }
    }

    /** Codes with a store id are deleted at the store of their discount (as configured now). */
    private void queueStoreDeletes(List<IssuedCode> codes) {
        Map<String, List<ProvidedCode>> byDiscount = new HashMap<>();
        for (IssuedCode code : codes) {
            if (code.storeId() != 0) {
                byDiscount.computeIfAbsent(code.discountId(), id -> new ArrayList<>())
                        .add(new ProvidedCode(code.code(), code.storeId()));
            }
        }
        for (Map.Entry<String, List<ProvidedCode>> entry : byDiscount.entrySet()) {
            Live current = live.get(entry.getKey());
            if (current == null) {
                LOG.warn("discounts: {} codes of discount {} (no longer configured) stay in its store",
                        entry.getValue().size(), entry.getKey());
                continue;
            }
            synchronized (retiring) {
                retiring.add(new Retired(current.provider(), entry.getValue()));
            }
        }
    }

    private void retire(Live old) {
        List<ProvidedCode> codes = new ArrayList<>();
        for (PooledCode code : old.pool().drain()) {
            store.remove(code.text());
            if (code.storeId() != 0) {
                codes.add(new ProvidedCode(code.text(), code.storeId()));
            }
        }
        if (!codes.isEmpty()) {
            synchronized (retiring) {
                retiring.add(new Retired(old.provider(), codes));
            }
        }
    }

    private void deleteRetired() {
        List<Retired> batch;
        synchronized (retiring) {
            if (retiring.isEmpty()) {
                return;
            }
            batch = new ArrayList<>(retiring);
            retiring.clear();
        }
        for (Retired retired : batch) {
            try {
                retired.provider().delete(retired.codes());
            } catch (IOException e) {
                LOG.warn("discounts: cannot delete {} codes at {} ({}); they stay there",
                        retired.codes().size(), retired.provider().name(), e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Stops the background thread and closes the store. Ready codes stay recorded as pooled (retired at start). */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(worker);
        try {
            worker.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (Live current : live.values()) {
            current.provider().close();
        }
        store.close();
    }
}

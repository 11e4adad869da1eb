package io.smartlinkd.server;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigSource;
import io.smartlinkd.http.ServerState;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkTable;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies config changes one at a time on its own thread: builds the next generation, swaps it in atomically,
 * publishes its new slugs, and retires the previous generation once every event loop has moved past it. A config
 * that fails is logged with file:line:column and counted; the running one stays.
 */
final class Reloader implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Reloader.class);

    private final LinkSetLoader loader;
    private final ServerState server;
    private final List<EventLoopGroup> loops;
    private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
        Thread t = new Thread(runnable, "config-reload");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private volatile long lastSuccessMs;

    Reloader(LinkSetLoader loader, ServerState server, List<EventLoopGroup> loops) {
        this.loader = loader;
        this.server = server;
        this.loops = loops;
    }

    /**
     * Loads the first generation on the calling thread, from the source the start opened for the settings; a
     * failure here is fatal for start-up.
     */
    void loadInitial(ConfigSource source) throws ConfigException {
        LinkSetLoader.Loaded loaded = loader.load(source);
        server.swap(loaded.linkSet());
        server.classifiers().userAgents().reload(loaded.botRules());
        loader.published(loaded);
        loader.deleteUnusedTables(List.of(loaded.linkSet().links()));
        succeeded.incrementAndGet();
        lastSuccessMs = System.currentTimeMillis();
        LOG.info("config loaded: {} links, {} partners, {} domains", loaded.linkSet().links().size(),
                loaded.linkSet().partners().size(), loaded.linkSet().domains().all().size());
    }

    /** Queues a reload; the future completes with the outcome. */
    Future<ReloadResult> reload(String trigger) {
        return thread.submit(() -> reloadNow(trigger));
    }

    private ReloadResult reloadNow(String trigger) {
        LinkSetLoader.Loaded loaded;
        try {
            loaded = loader.load();
        } catch (ConfigException e) {
            failed.incrementAndGet();
            LOG.error("config reload ({}) rejected, keeping generation {}:\n{}", trigger,
                    server.linkSet().generation(), e.getMessage());
            return ReloadResult.rejected(e.errors());
        } catch (RuntimeException e) {
            failed.incrementAndGet();
            LOG.error("config reload ({}) failed, keeping the running config", trigger, e);
            return ReloadResult.failed(e.toString());
        }
        LinkSet previous = server.swap(loaded.linkSet());
        server.classifiers().userAgents().reload(loaded.botRules());
        loader.published(loaded);
        succeeded.incrementAndGet();
        lastSuccessMs = System.currentTimeMillis();
        LOG.info("config reload ({}): generation {} live, {} links", trigger, loaded.linkSet().generation(),
                loaded.linkSet().links().size());
        if (previous != null && previous.links() != loaded.linkSet().links()) {
            retireWhenUnused(previous, loaded.linkSet());
        }
        return ReloadResult.ok(loaded.linkSet().generation(), loaded.linkSet().links().size());
    }

    /**
     * A request (or an admin answer) uses the link set it read for one synchronous pass on its event loop, so once a task
     * queued on every loop after the swap has run, no request can still hold the previous one.
     */
    private void retireWhenUnused(LinkSet previous, LinkSet current) {
        List<CompletableFuture<Void>> passes = new ArrayList<>();
        for (EventLoopGroup group : loops) {
            for (EventExecutor executor : group) {
                CompletableFuture<Void> pass = new CompletableFuture<>();
                try {
                    executor.execute(() -> pass.complete(null));
                } catch (RuntimeException rejected) {
                    pass.complete(null);
                }
                passes.add(pass);
            }
        }
        CompletableFuture.allOf(passes.toArray(new CompletableFuture<?>[0])).thenRunAsync(() -> {
            LinkTable table = previous.links();
            table.close();
            loader.deleteUnusedTables(List.of(current.links()));
        }, thread);
    }

    long succeeded() {
        return succeeded.get();
    }

    long failed() {
        return failed.get();
    }

    long lastSuccessMs() {
        return lastSuccessMs;
    }

    @Override
    public void close() {
        thread.shutdown();
    }
}

package io.smartlinkd.geo;

import io.smartlinkd.config.GeoConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live geo database: loads the configured file at start, then checks it every {@code reload_check} on a daemon
 * thread and swaps in a new version without a restart when the file changes (geoipupdate and
 * {@code geo-data/fetch-cc0.sh} rename a new file over the old one). A file that fails validation is logged once and
 * counted, and the table already live stays; so does a file that disappears.
 *
 * <p>A missing or broken database never stops the server: until a good file appears, every country is unknown.
 *
 * <p>Threading: {@link #table()} is one volatile read and may be called from any thread, event loops included; the
 * table it returns is immutable. Loading happens on one daemon thread, {@code geo-watch}; {@link #check()} may also
 * be called from elsewhere (tests, an admin reload) and is serialised with it.
 */
public final class GeoService implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GeoService.class);

    private final Path file;
    private final GeoTableCache cache;
    private final ScheduledExecutorService watcher;
    private final CountDownLatch firstCheck = new CountDownLatch(1);

    private volatile GeoTable table = GeoTable.EMPTY;
    private volatile GeoDatabase database;
    private volatile long lastReloadMs;
    private volatile long reloads;
    private volatile long reloadFailures;

    // Written under the monitor by the checking thread only.
    private FileStamp loadedStamp;
    private FileStamp failedStamp;
    private boolean missingReported;
    private volatile boolean closed;

    private GeoService(Path file, long checkEveryMs, Path cacheDir) {
        this.file = file;
        this.cache = cacheDir == null ? null : new GeoTableCache(cacheDir);
        if (file == null) {
            watcher = null;
            firstCheck.countDown();
            return;
        }
        watcher = Executors.newSingleThreadScheduledExecutor(GeoService::watcherThread);
        watcher.execute(() -> {
            try {
                checkQuietly();
            } finally {
                firstCheck.countDown();
            }
        });
        if (checkEveryMs > 0) {
            watcher.scheduleWithFixedDelay(this::checkQuietly, checkEveryMs, checkEveryMs, TimeUnit.MILLISECONDS);
        }
    }

    /**
     * Starts loading the configured database on the watcher thread and returns at once; then checks the file every
     * {@code reload_check}. Call {@link #awaitFirstCheck} before serving clicks so the first ones have countries.
     * Without a configured database every lookup answers {@link CountryCode#UNKNOWN}.
     */
    public static GeoService start(GeoConfig config) {
        return start(config, null);
    }

    /**
     * Like {@link #start(GeoConfig)}, keeping compiled tables in {@code cacheDir} (null: none) so a restart with
     * the same database file skips the compile.
     */
    public static GeoService start(GeoConfig config, Path cacheDir) {
        if (config.database() == null) {
            LOG.info("geo: no database configured (server.geo.database); countries are unknown");
        }
        return new GeoService(config.database(), config.reloadCheckMs(), cacheDir);
    }

    /**
     * Waits until the first load attempt has finished (a full database takes one to a few seconds in a cold JVM).
     *
     * @return true when a database is live; false when none is configured, the file is missing or was rejected (all
     *         logged), or the wait timed out
     */
    public boolean awaitFirstCheck(long timeoutMs) throws InterruptedException {
        return firstCheck.await(timeoutMs, TimeUnit.MILLISECONDS) && loaded();
    }

    private static Thread watcherThread(Runnable task) {
        Thread thread = new Thread(task, "geo-watch");
        thread.setDaemon(true);
        return thread;
    }

    /** The live table; read it once per click and keep the reference for that click. */
    public GeoTable table() {
        return table;
    }

    /** The live database, or null while none is loaded. For describing and metrics, not for the click path. */
    public GeoDatabase database() {
        return database;
    }

    /** Shorthand for {@code table().country(ip, length)}. */
    public int country(byte[] ip, int length) {
        return table.country(ip, length);
    }

    /**
     * What the live database says about an address (country, city, network), for the admin explain endpoint.
     * Allocates; not for the click path.
     */
    public GeoDescription describe(InetAddress address) throws IOException {
        for (int attempt = 0; ; attempt++) {
            GeoDatabase current = database;
            if (current == null) {
                byte[] raw = address.getAddress();
                return new GeoDescription(address.getHostAddress(), PublicAddresses.isPublic(raw, raw.length), null,
                        null, null, null);
            }
            try {
                return current.describe(address);
            } catch (com.maxmind.db.ClosedDatabaseException e) {
                // A reload closed it under us; the next read sees its successor.
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    /**
     * Checks the file now and loads it if it changed since the last load or failed attempt. The watcher calls this;
     * tests and an admin reload may too.
     *
     * @return true when a new database went live
     */
    public synchronized boolean check() {
        if (file == null || closed) {
            return false;
        }
        FileStamp stamp = FileStamp.of(file);
        if (stamp == null) {
            if (!missingReported) {
                missingReported = true;
                LOG.warn("geo: database {} not found; {}", file, database == null
                        ? "countries are unknown until it appears" : "keeping the one loaded before");
            }
            return false;
        }
        missingReported = false;
        if (stamp.equals(loadedStamp) || stamp.equals(failedStamp)) {
            return false;
        }
        GeoDatabase next;
        try {
            next = GeoDatabase.load(file, cache);
        } catch (IOException e) {
            if (closed) {
                return false; // interrupted by close(), not a bad file
            }
            failedStamp = stamp;
            reloadFailures++;
            LOG.error("geo: database rejected, {}: {}", database == null ? "countries stay unknown"
                    : "the one loaded before stays", e.getMessage());
            return false;
        }
        if (closed) {
            closeQuietly(next);
            return false;
        }
        GeoDatabase previous = database;
        table = next.table();
        database = next;
        loadedStamp = stamp;
        failedStamp = null;
        lastReloadMs = System.currentTimeMillis();
        reloads++;
        GeoTable loaded = next.table();
        LOG.info("geo: loaded {} ({}, built {}): {} networks, {} with a country; {} IPv4 and {} IPv6 ranges,"
                        + " {} KiB, {} in {} ms", file, next.databaseType(), next.buildTime(), loaded.networks(),
                next.knownNetworks(), loaded.ipv4Ranges(), loaded.ipv6Ranges(), loaded.bytes() / 1024,
                next.fromCache() ? "read from the compiled cache" : "compiled", next.compileMs());
        closeQuietly(previous);
        return true;
    }

    private void checkQuietly() {
        try {
            check();
        } catch (RuntimeException e) {
            // A scheduled task that throws is never run again: keep watching.
            LOG.error("geo: checking {} failed", file, e);
        }
    }

    /** The configured file, or null when geo is off. */
    public Path file() {
        return file;
    }

    /** True once a database is live. */
    public boolean loaded() {
        return database != null;
    }

    /** Networks in the live table (0 when none is loaded). */
    public long networks() {
        return table.networks();
    }

    /** Bytes held by the live table. */
    public long tableBytes() {
        GeoDatabase current = database;
        return current == null ? 0 : current.table().bytes();
    }

    /** The live database's {@code database_type}, or null. */
    public String databaseType() {
        GeoDatabase current = database;
        return current == null ? null : current.databaseType();
    }

    /** The live database's build time (epoch seconds, from its metadata), or 0. */
    public long databaseBuildEpochSeconds() {
        GeoDatabase current = database;
        return current == null ? 0 : current.buildTime().getEpochSecond();
    }

    /** How long the live database took to open, validate and compile, or 0. */
    public long compileMs() {
        GeoDatabase current = database;
        return current == null ? 0 : current.compileMs();
    }

    /** Wall-clock time when a database last went live, or 0. */
    public long lastReloadMs() {
        return lastReloadMs;
    }

    /** Databases that went live, the first load included. */
    public long reloads() {
        return reloads;
    }

    /** Files rejected (unreadable, corrupt, not a country database); the table live before stayed each time. */
    public long reloadFailures() {
        return reloadFailures;
    }

    @Override
    public void close() {
        closed = true;
        if (watcher != null) {
            watcher.shutdownNow();
        }
        synchronized (this) {
            // A check in progress has finished; the table stays readable, only the describe readers close.
            closeQuietly(database);
        }
    }

    private static void closeQuietly(GeoDatabase database) {
        if (database == null) {
            return;
        }
        try {
            database.close();
        } catch (IOException e) {
            LOG.debug("geo: closing {} failed", database.file(), e);
        }
    }
}

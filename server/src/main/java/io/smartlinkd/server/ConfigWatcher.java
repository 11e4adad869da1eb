package io.smartlinkd.server;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the config directory tree and asks for a reload once changes have settled, so an editor's
 * write-rename-delete sequence becomes one reload. Runs on its own daemon thread.
 */
final class ConfigWatcher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConfigWatcher.class);
    private static final long SETTLE_MS = 250;

    private final Path dir;
    private final Runnable onChange;
    private final WatchService watcher;
    private final Thread thread;
    private volatile boolean running = true;

    ConfigWatcher(Path dir, Runnable onChange) throws IOException {
        this.dir = dir;
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        registerTree();
        this.thread = new Thread(this::run, "config-watch");
        thread.setDaemon(true);
        thread.start();
    }

    private void registerTree() throws IOException {
        try (Stream<Path> dirs = Files.walk(dir)) {
            for (Path path : (Iterable<Path>) dirs.filter(Files::isDirectory)::iterator) {
                path.register(watcher, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
            }
        }
    }

    private void run() {
        while (running) {
            try {
                WatchKey key = watcher.take();
                drain(key);
                // Let the burst of events from one save settle before reloading.
                WatchKey more;
                while ((more = watcher.poll(SETTLE_MS, TimeUnit.MILLISECONDS)) != null) {
                    drain(more);
                }
                registerTree();
                onChange.run();
            } catch (InterruptedException | java.nio.file.ClosedWatchServiceException e) {
                return;
            } catch (IOException | RuntimeException e) {
                LOG.warn("config watch: {}", e.toString());
            }
        }
    }

    private static void drain(WatchKey key) {
        key.pollEvents();
        key.reset();
    }

    @Override
    public void close() throws IOException {
        running = false;
        watcher.close();
        thread.interrupt();
    }
}

package io.smartlinkd.cli;

import io.smartlinkd.journal.JournalCorruptException;
import io.smartlinkd.journal.JournalReader;
import io.smartlinkd.loader.Checkpoint;
import io.smartlinkd.loader.ClickStore;
import io.smartlinkd.loader.JournalLoader;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * {@code smartlinkd load --journal DIR --db DB [--follow]}: imports click journals into DuckDB or PostgreSQL exactly
 * once. Without {@code --follow} it loads everything valid now and exits 0; with it, it polls until SIGTERM and then
 * finishes the batch in hand and exits 0, and prints a {@code caught up:} line per node when it has loaded everything there is
 * (at most every {@code --progress-ms}). Corruption exits 1 with {@code file:offset}; database or I/O failures exit 2.
 */
@Command(name = "load", mixinStandardHelpOptions = true,
        description = "Import click journals into DuckDB (a file path) or PostgreSQL (a jdbc:postgresql:// URL).")
public final class LoadCommand implements Callable<Integer> {
    static final int CORRUPT = 1;
    static final int FAILED = 2;

    @Option(names = "--journal", required = true, paramLabel = "DIR",
            description = "A node's journal directory; repeat for several nodes.")
    List<Path> journals;

    @Option(names = "--db", required = true, paramLabel = "DB",
            description = "DuckDB file path, or jdbc:postgresql://host/db?user=...")
    String db;

    @Option(names = "--follow", description = "Keep polling for new records and segments until stopped.")
    boolean follow;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "500000",
            description = "Records per transaction (default ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "500",
            description = "With --follow, how long to wait when nothing is new (default ${DEFAULT-VALUE}).")
    long pollMs;

    @Option(names = "--progress-ms", paramLabel = "MS", defaultValue = "60000",
            description = "With --follow, print where each node stands when caught up, at most this often"
                    + " (default ${DEFAULT-VALUE}).")
    long progressMs;

    private volatile boolean running = true;

    @Override
    public Integer call() {
        if (batch < 1 || pollMs < 1 || progressMs < 1) {
            System.err.println("load: --batch, --poll-ms and --progress-ms must be positive");
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            running = false;
            awaitQuietly(stopped);
        }, "load-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        // SIGTERM/SIGINT stop the loop like the hook would, but let the process exit 0 (the JVM's own handling
        // would exit 143, which systemd counts as a failure); the previous handlers return afterwards, which
        // matters when the command runs inside another program (tests).
        SignalHandler term = Signal.handle(new Signal("TERM"), signal -> running = false);
        SignalHandler interrupt = Signal.handle(new Signal("INT"), signal -> running = false);
        try {
            return load();
        } finally {
            Signal.handle(new Signal("TERM"), term);
            Signal.handle(new Signal("INT"), interrupt);
            stopped.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // Already stopping: the hook is running and waits for nothing more.
            }
        }
    }

    private static void awaitQuietly(CountDownLatch stopped) {
        try {
            stopped.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int load() {
        List<JournalLoader> loaders = new ArrayList<>();
        try (ClickStore store = ClickStore.open(db)) {
            for (Path journal : journals) {
                loaders.add(new JournalLoader(new JournalReader(journal), store, batch));
            }
            long progressNs = TimeUnit.MILLISECONDS.toNanos(progressMs);
            long lastProgress = System.nanoTime() - progressNs;
            boolean loadedSinceProgress = false;
            while (running) {
                long work = 0;
                for (JournalLoader loader : loaders) {
                    work += loader.doWork();
                }
                if (work > 0) {
                    loadedSinceProgress = true;
                    continue;
                }
                if (!follow) {
                    break;
                }
                if (loadedSinceProgress && System.nanoTime() - lastProgress >= progressNs) {
                    // The database is locked by this process, so this line is how others see how far it got.
                    report("caught up: ", loaders);
                    System.out.flush();
                    lastProgress = System.nanoTime();
                    loadedSinceProgress = false;
                }
                Thread.sleep(pollMs);
            }
            report("", loaders);
            return 0;
        } catch (JournalCorruptException e) {
            report("", loaders);
            System.err.println("load: journal corrupt: " + e.getMessage());
            return CORRUPT;
        } catch (IOException | SQLException e) {
            report("", loaders);
            System.err.println("load: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report("", loaders);
            return 0;
        } finally {
            for (JournalLoader loader : loaders) {
                try {
                    loader.close();
                } catch (IOException e) {
                    System.err.println("load: " + e.getMessage());
                }
            }
        }
    }

    private static void report(String prefix, List<JournalLoader> loaders) {
        for (JournalLoader loader : loaders) {
            Checkpoint at = loader.committed();
            System.out.println(prefix + "node " + loader.node() + ": loaded " + loader.clicksLoaded() + " clicks"
                    + (at == null ? "" : "; checkpoint segment " + at.segment() + " offset " + at.offset()
                    + " sequence " + at.sequence()));
        }
    }
}

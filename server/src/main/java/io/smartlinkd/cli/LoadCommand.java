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

/**
 * {@code smartlinkd load --journal DIR --db DB [--follow]}: imports click journals into DuckDB or PostgreSQL exactly
 * once. Without {@code --follow} it loads everything valid now and exits 0; with it, it polls until SIGTERM and then
 * finishes the batch in hand. Corruption exits 1 with {@code file:offset}; database or I/O failures exit 2.
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

    private volatile boolean running = true;

    @Override
    public Integer call() {
        if (batch < 1 || pollMs < 1) {
            System.err.println("load: --batch and --poll-ms must be positive");
            return FAILED;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread stopper = new Thread(() -> {
            running = false;
            awaitQuietly(stopped);
        }, "load-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return load();
        } finally {
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
            while (running) {
                long work = 0;
                for (JournalLoader loader : loaders) {
                    work += loader.doWork();
                }
                if (work == 0) {
                    if (!follow) {
                        break;
                    }
                    Thread.sleep(pollMs);
                }
            }
            report(loaders);
            return 0;
        } catch (JournalCorruptException e) {
            report(loaders);
            System.err.println("load: journal corrupt: " + e.getMessage());
            return CORRUPT;
        } catch (IOException | SQLException e) {
            report(loaders);
            System.err.println("load: " + e.getMessage());
            return FAILED;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            report(loaders);
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

    private static void report(List<JournalLoader> loaders) {
        for (JournalLoader loader : loaders) {
            Checkpoint at = loader.committed();
            System.out.println("node " + loader.node() + ": loaded " + loader.clicksLoaded() + " clicks"
                    + (at == null ? "" : "; checkpoint segment " + at.segment() + " offset " + at.offset()
                    + " sequence " + at.sequence()));
        }
    }
}

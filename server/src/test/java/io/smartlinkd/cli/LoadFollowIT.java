package io.smartlinkd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.journal.JournalFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code load --follow} end to end with real processes: a server journals clicks while a separate loader process
 * follows its journal into DuckDB across segment rolls; after the server's SIGTERM and the loader's catching up and
 * SIGTERM, the database holds exactly the redirects the clients received, each once.
 *
 * <p>The loader holds the DuckDB file's lock while it runs, so no other process can open the database to poll it:
 * the test follows the loader's {@code caught up:} lines instead, and reads the database after the loader exited.
 */
@Timeout(300)
class LoadFollowIT {
    private static final String CONFIG = """
            server:
              drain: 300ms
              journal:
                segment_bytes: 1048576
                fsync: none
            domains:
              - host: go.example.com
                aliases: [127.0.0.1]
            links:
              - slug: promo
                destination: https://shop.example.com/p?c={click_id}
            """;
    private static final Pattern CAUGHT_UP = Pattern.compile("^caught up: node \\d+: loaded (\\d+) clicks");

    @TempDir
    Path root;

    /** Keep-alive clients that keep the click id of every 302 they receive, until stopped or refused. */
    private static final class Clients {
        final Set<String> received = ConcurrentHashMap.newKeySet();
        final AtomicBoolean running = new AtomicBoolean(true);
        final List<Thread> threads = new ArrayList<>();

        Clients(int port, int count) {
            for (int i = 0; i < count; i++) {
                Thread thread = new Thread(() -> {
                    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/promo"))
                            .timeout(Duration.ofSeconds(5)).build();
                    while (running.get()) {
                        try {
                            HttpResponse<Void> response = client.send(request, HttpResponse.BodyHandlers.discarding());
                            if (response.statusCode() == 302) {
                                String location = response.headers().firstValue("Location").orElseThrow();
                                received.add(location.substring(location.indexOf("c=") + 2));
                            }
                        } catch (Exception refusedOrClosed) {
                            return;
                        }
                    }
                }, "click-client-" + i);
                thread.start();
                threads.add(thread);
            }
        }

        void stop() throws InterruptedException {
            running.set(false);
            for (Thread thread : threads) {
                thread.join(20_000);
            }
        }
    }

    /** {@code smartlinkd load --follow} in its own JVM; remembers its output and the last "caught up" click count. */
    private static final class Loader implements AutoCloseable {
        final Process process;
        final StringBuffer log = new StringBuffer();
        final AtomicLong caughtUpClicks = new AtomicLong(-1);

        Loader(Path journal, Path db) throws IOException {
            process = new ProcessBuilder(ServerProcess.java("load", "--journal", journal.toString(), "--db",
                    db.toString(), "--follow", "--batch", "2000", "--poll-ms", "50", "--progress-ms", "100"))
                    .redirectErrorStream(true).start();
            Thread drain = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = lines.readLine()) != null; ) {
                        log.append(line).append('\n');
                        Matcher caughtUp = CAUGHT_UP.matcher(line);
                        if (caughtUp.find()) {
                            caughtUpClicks.set(Long.parseLong(caughtUp.group(1)));
                        }
                    }
                } catch (IOException ended) {
                    // The process is gone.
                }
            }, "loader-output");
            drain.setDaemon(true);
            drain.start();
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldLoadExactlyTheRedirectsClientsReceivedWhileFollowingAServerAcrossSegmentRolls() throws Exception {
        Path config = root.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("all.yaml"), CONFIG);
        Path data = root.resolve("data");
        Path journal = data.resolve("journal");
        Path db = root.resolve("clicks.duckdb");
        try (ServerProcess server = ServerProcess.start(config, data);
                Loader loader = new Loader(journal, db)) {
            Clients clients = new Clients(server.port, 6);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (JournalFiles.segments(journal).size() < 3 && System.nanoTime() < deadline) {
                assertTrue(loader.process.isAlive(), "loader exited early:\n" + loader.log);
                Thread.sleep(100);
            }
            assertTrue(JournalFiles.segments(journal).size() >= 3,
                    "the server never rolled its journal twice; clicks so far: " + clients.received.size());
            assertTrue(loader.caughtUpClicks.get() > 0 || loader.process.isAlive(), loader.log.toString());

            server.signal("TERM");
            assertEquals(0, server.waitForExit(), server.log.toString());
            clients.stop();
            int expected = clients.received.size();

            deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (loader.caughtUpClicks.get() < expected && System.nanoTime() < deadline) {
                assertTrue(loader.process.isAlive(), "loader exited early:\n" + loader.log);
                Thread.sleep(50);
            }
            assertEquals(expected, loader.caughtUpClicks.get(), "loader never caught up:\n" + loader.log);
            new ProcessBuilder("kill", "-TERM", Long.toString(loader.process.pid())).start().waitFor();
            assertTrue(loader.process.waitFor(60, TimeUnit.SECONDS), "loader ignored SIGTERM:\n" + loader.log);
            assertEquals(0, loader.process.exitValue(), loader.log.toString());

            List<String> loaded = new ArrayList<>();
            try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + db);
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT click_id, outcome FROM clicks")) {
                while (rows.next()) {
                    assertEquals("redirected", rows.getString(2));
                    loaded.add(rows.getString(1));
                }
            }
            Set<String> distinct = new HashSet<>(loaded);
            assertEquals(loaded.size(), distinct.size(), "duplicated rows");
            Set<String> missing = new HashSet<>(clients.received);
            missing.removeAll(distinct);
            Set<String> unexpected = new HashSet<>(distinct);
            unexpected.removeAll(clients.received);
            assertEquals(Set.of(), missing, "redirects the clients got that the database lacks");
            assertEquals(Set.of(), unexpected, "rows no client received");
            assertEquals(expected, loaded.size());
            System.out.printf("load --follow: %d redirects over %d segments, all loaded once%n", expected,
                    JournalFiles.segments(journal).size());
        }
    }
}

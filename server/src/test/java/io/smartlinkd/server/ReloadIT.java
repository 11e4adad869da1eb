package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.HostPort;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload, published-slug immutability, restarts and graceful stop, each on its own real server. */
@Timeout(120)
class ReloadIT {
    static final String SERVER = """
            server:
              drain: 300ms
            domains:
              - host: go.example.com
            """;

    static String links(String destination, String... extra) {
        StringBuilder yaml = new StringBuilder("""
                links:
                  - slug: promo
                    destination: %s
                """.formatted(destination));
        for (String link : extra) {
            yaml.append(link);
        }
        return yaml.toString();
    }

    @TempDir
    Path root;

    @Test
    void shouldSwapValidConfigsAndKeepTheOldOneOnInvalidOnesWhileRequestsFlow() throws Exception {
        try (TestServer server = TestServer.start(root, "server.yaml", SERVER,
                "links.yaml", links("https://shop.example.com/v0"))) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicInteger requests = new AtomicInteger();
            AtomicReference<String> failure = new AtomicReference<>();
            Set<String> seen = ConcurrentHashMap.newKeySet();
            List<Thread> clients = Stream.generate(() -> new Thread(() -> {
                while (running.get() && failure.get() == null) {
                    try {
                        HttpResponse<String> response = server.get("go.example.com", "/promo");
                        String location = response.headers().firstValue("Location").orElse("");
                        if (response.statusCode() != 302 || !location.matches("https://shop\\.example\\.com/v\\d+")) {
                            failure.set(response.statusCode() + " " + location);
                        }
                        seen.add(location);
                        requests.incrementAndGet();
                    } catch (Exception e) {
                        failure.set(e.toString());
                    }
                }
            })).limit(4).toList();
            clients.forEach(Thread::start);

            int version = 0;
            for (int round = 1; round <= 6; round++) {
                TestServer.write(server.configDir, "links.yaml", links("https://shop.example.com/v" + round));
                HttpResponse<String> applied = server.adminPost("/reload");
                assertEquals(200, applied.statusCode(), applied.body());
                version = round;
                // The reload answered after the swap: the very next request sees the new version.
                assertEquals("https://shop.example.com/v" + version, server.location("go.example.com", "/promo"));

                TestServer.write(server.configDir, "links.yaml", "links:\n  - slug: promo\n    destination: [oops\n");
                HttpResponse<String> rejected = server.adminPost("/reload");
                assertEquals(422, rejected.statusCode(), rejected.body());
                assertTrue(rejected.body().contains("links.yaml:3:"), rejected.body());
                assertEquals("https://shop.example.com/v" + version, server.location("go.example.com", "/promo"));
            }
            running.set(false);
            for (Thread client : clients) {
                client.join();
            }
            assertEquals(null, failure.get());
            assertTrue(requests.get() > 100, "only " + requests.get() + " requests");
            assertTrue(seen.size() >= 3, "saw " + seen);
            String metrics = server.adminGet("/metrics").body();
            assertTrue(metrics.contains("smartlinkd_config_reload_failures_total 6"), metrics);
            assertTrue(metrics.contains("smartlinkd_config_reloads_total 7"), metrics);
        }
    }

    @Test
    void shouldRejectAPublishedSlugGivenToAnotherLinkOrRemoved() throws Exception {
        try (TestServer server = TestServer.start(root, "server.yaml", SERVER,
                "links.yaml", links("https://shop.example.com/a"))) {
            TestServer.write(server.configDir, "links.yaml", """
                    links:
                      - slug: promo
                        id: another-link
                        destination: https://evil.example.com/
                    """);
            HttpResponse<String> reused = server.adminPost("/reload");
            assertEquals(422, reused.statusCode());
            assertTrue(reused.body().contains("links.yaml:2:5: slug 'promo' on go.example.com was published for link"
                    + " 'promo'"), reused.body());

            TestServer.write(server.configDir, "links.yaml", """
                    links:
                      - slug: other
                        destination: https://shop.example.com/other
                    """);
            HttpResponse<String> removed = server.adminPost("/reload");
            assertEquals(422, removed.statusCode());
            assertTrue(removed.body().contains("published slug 'go.example.com/promo' (link 'promo') is missing"),
                    removed.body());
            assertEquals("https://shop.example.com/a", server.location("go.example.com", "/promo"));

            TestServer.write(server.configDir, "links.yaml", """
                    links:
                      - slug: promo
                        destination: https://shop.example.com/a
                        active: false
                      - slug: other
                        destination: https://shop.example.com/other
                    """);
            assertEquals(200, server.adminPost("/reload").statusCode());
            assertEquals(404, server.get("go.example.com", "/promo").statusCode());
            assertEquals("https://shop.example.com/other", server.location("go.example.com", "/other"));
        }
    }

    @Test
    void shouldReloadWhenAConfigFileChanges() throws Exception {
        Path configDir = root.resolve("config");
        TestServer.write(configDir, "server.yaml", SERVER, "links.yaml", links("https://shop.example.com/first"));
        ServerOptions options = new ServerOptions(configDir, root.resolve("data"), new HostPort("127.0.0.1", 0),
                new HostPort("127.0.0.1", 0), true);
        Server server = Server.start(options);
        try {
            TestServer.write(configDir, "links.yaml", links("https://shop.example.com/second"));
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline && server.state().linkSet().generation() < 2) {
                Thread.sleep(50);
            }
            assertEquals(2, server.state().linkSet().generation());
        } finally {
            server.stop();
        }
    }

    @Test
    void shouldKeepLinkNumbersAndReuseTheLinkTableAcrossRestarts() throws Exception {
        String config = links("https://shop.example.com/a", """
                  - slug: second
                    destination: https://shop.example.com/b
                """);
        Path table;
        String firstKey;
        try (TestServer server = TestServer.start(root, "server.yaml", SERVER, "links.yaml", config)) {
            table = server.server.linkSet().links().file();
            firstKey = Files.readString(server.dataDir.resolve("click-id.key"));
        }
        try (TestServer again = TestServer.start(root, "server.yaml", SERVER, "links.yaml", config)) {
            assertEquals(table, again.server.linkSet().links().file());
            assertEquals(firstKey, Files.readString(again.dataDir.resolve("click-id.key")));
            assertEquals("https://shop.example.com/b", again.location("go.example.com", "/second"));
            try (var files = Files.list(table.getParent())) {
                assertEquals(1, files.count());
            }
        }
    }

    @Test
    void shouldReportNotReadyWhileDrainingAndFinishOpenRequests() throws Exception {
        TestServer server = TestServer.start(root, "server.yaml", SERVER.replace("300ms", "1500ms"),
                "links.yaml", links("https://shop.example.com/a"));
        try (RawHttp keptAlive = new RawHttp(server.server.publicPort())) {
            assertEquals(302, RawHttp.status(keptAlive.send("GET /promo HTTP/1.1\r\nHost: go.example.com\r\n\r\n")
                    .readResponse()));
            Thread stopper = new Thread(server::close);
            stopper.start();
            long deadline = System.currentTimeMillis() + 5_000;
            int readyStatus = 200;
            while (System.currentTimeMillis() < deadline && readyStatus == 200) {
                readyStatus = server.adminGet("/readyz").statusCode();
            }
            assertEquals(503, readyStatus);
            // Still draining: the listener accepts and the kept-alive connection is served.
            assertEquals(302, server.get("go.example.com", "/promo").statusCode());
            String last = keptAlive.send("GET /promo HTTP/1.1\r\nHost: go.example.com\r\n\r\n").readResponse();
            assertEquals(302, RawHttp.status(last));
            stopper.join(20_000);
            assertTrue(keptAlive.closedByServer());
            assertNotEquals(true, stopper.isAlive());
        }
    }
}

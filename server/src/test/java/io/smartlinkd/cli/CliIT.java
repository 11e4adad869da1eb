package io.smartlinkd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator runs it: a separate JVM, real signals, exit statuses. */
@Timeout(120)
class CliIT {
    private static final Path DEMO = Path.of("..", "config", "demo");

    @TempDir
    Path tmp;

    private static ProcessResult run(String... args) throws Exception {
        Process process = new ProcessBuilder(ServerProcess.java(args)).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        return new ProcessResult(process.exitValue(), output);
    }

    private record ProcessResult(int status, String output) {
    }

    @Test
    void shouldAcceptTheDemoConfig() throws Exception {
        ProcessResult result = run("check", DEMO.toString());
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("ok ("), result.output());
    }

    @Test
    void shouldServeTheDemoAndPrintExamplesThatRedirect() throws Exception {
        Process process = new ProcessBuilder(ServerProcess.java("demo", "--config", DEMO.toString(), "--data",
                tmp.resolve("data").toString(), "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0"))
                .redirectErrorStream(true).start();
        try (java.io.BufferedReader output = new java.io.BufferedReader(
                new java.io.InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            java.util.List<String> examples = new java.util.ArrayList<>();
            for (String line = output.readLine(); line != null && !line.contains("Ctrl-C stops it");
                 line = output.readLine()) {
                if (line.contains("| grep -i ^location")) {
                    examples.add(line);
                }
            }
            assertTrue(examples.size() >= 3, "examples: " + examples);
            HttpClient client = HttpClient.newHttpClient();
            for (String example : examples) {
                // e.g.  curl -si -H 'Host: go.example.com' 'http://127.0.0.1:PORT/win?sub1=hello' | grep ...
                String host = example.split("Host: ")[1].split("'")[0];
                String url = example.split("' '")[1].split("'")[0];
                HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Host", host).build(), HttpResponse.BodyHandlers.discarding());
                assertTrue(response.statusCode() >= 301 && response.statusCode() <= 308, response + " " + example);
                assertTrue(response.headers().firstValue("location").orElse("").startsWith("https://"), example);
            }
        } finally {
            process.destroy();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
    }

    @Test
    void shouldPrintFileLineColumnAndFailForABrokenConfig() throws Exception {
        Files.writeString(tmp.resolve("links.yaml"), """
                domains:
                  - host: go.example.com
                links:
                  - slug: a
                    destination: ftp://x.example.com/
                  - slug: b
                    destination: https://x.example.com/
                    redirect: 303
                """);
        ProcessResult result = run("check", tmp.toString());
        assertEquals(1, result.status(), result.output());
        assertTrue(result.output().contains("links.yaml:5:18: "), result.output());
        assertTrue(result.output().contains("links.yaml:8:15: "), result.output());
        assertTrue(result.output().contains("2 errors"), result.output());
    }

    @Test
    void shouldServeReloadOnSighupAndExitCleanlyOnSigterm() throws Exception {
        Path config = tmp.resolve("config");
        Files.createDirectories(config);
        Files.writeString(config.resolve("all.yaml"), """
                server:
                  drain: 200ms
                domains:
                  - host: go.example.com
                links:
                  - slug: promo
                    destination: https://shop.example.com/one
                """);
        try (ServerProcess server = ServerProcess.start(config, tmp.resolve("data"))) {
            HttpClient client = HttpClient.newHttpClient();
            assertEquals("https://shop.example.com/one", location(client, server.port));

            Files.writeString(config.resolve("all.yaml"), Files.readString(config.resolve("all.yaml"))
                    .replace("/one", "/two"));
            server.signal("HUP");
            long deadline = System.currentTimeMillis() + 20_000;
            String location = null;
            while (System.currentTimeMillis() < deadline && !"https://shop.example.com/two".equals(location)) {
                Thread.sleep(50);
                location = location(client, server.port);
            }
            assertEquals("https://shop.example.com/two", location);
            assertEquals(200, client.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + server.adminPort + "/readyz")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode());

            server.signal("TERM");
            assertEquals(0, server.waitForExit(), server.log.toString());
        }
    }

    private static String location(HttpClient client, int port) throws Exception {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/promo"))
                .header("Host", "go.example.com").build(), HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue("Location").orElse(null);
    }


    @Test
    void shouldExplainAClickOfflineWithTheVisitorClassified() throws Exception {
        Path geo = new io.smartlinkd.geo.MmdbWriter("country ipvAll", 6, 24)
                .insert("217.160.0.0/16", java.util.Map.of("country_code", "DE"))
                .writeTo(tmp.resolve("geo.mmdb"));
        String android = "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/126.0.0.0 Mobile Safari/537.36";
        ProcessResult german = run("explain", DEMO.toString(), "https://go.example.com/win", "--ip", "217.160.3.4",
                "--ua", android, "--lang", "de-DE,de;q=0.9", "--geo", geo.toString(), "--at", "2026-11-23T10:00:00Z");
        assertEquals(0, german.status(), german.output());
        assertTrue(german.output().contains("\"country\":\"DE\""), german.output());
        assertTrue(german.output().contains("\"device\":\"mobile\""), german.output());
        assertTrue(german.output().contains("\"rule_name\":\"german mobile\""), german.output());
        assertTrue(german.output().contains("\"at\":\"2026-11-23T10:00:00Z\""), german.output());

        ProcessResult newsletter = run("explain", DEMO.toString(), "https://go.example.com/win?src=newsletter");
        assertEquals(0, newsletter.status(), newsletter.output());
        assertTrue(newsletter.output().contains("\"rule_name\":\"newsletter readers\""), newsletter.output());

        assertEquals(2, run("explain", DEMO.toString(), "https://go.example.com/win", "--at", "soon").status());
        assertEquals(2, run("explain", DEMO.toString(), "https://go.example.com/win", "--ip", "not-an-ip").status());
    }
}

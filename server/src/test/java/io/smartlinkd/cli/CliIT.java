package io.smartlinkd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line as an operator runs it: a separate JVM, real signals, exit statuses. */
@Timeout(120)
class CliIT {
    private static final Path DEMO = Path.of("..", "config", "demo");
    private static final Pattern SERVING = Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+) \\(admin http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir
    Path tmp;

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String flag : System.getProperty("smartlinkd.jvm.flags", "").split(" ")) {
            if (!flag.isBlank()) {
                command.add(flag);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(List.of(args));
        return command;
    }

    private static ProcessResult run(String... args) throws Exception {
        Process process = new ProcessBuilder(java(args)).redirectErrorStream(true).start();
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
        Process process = new ProcessBuilder(java("serve", "--config", config.toString(), "--data",
                tmp.resolve("data").toString(), "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--no-watch"))
                .redirectErrorStream(true).start();
        try {
            BufferedReader log = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            int port = -1;
            int adminPort = -1;
            StringBuilder seen = new StringBuilder();
            for (String line; port < 0 && (line = log.readLine()) != null; ) {
                seen.append(line).append('\n');
                Matcher matcher = SERVING.matcher(line);
                if (matcher.find()) {
                    port = Integer.parseInt(matcher.group(1));
                    adminPort = Integer.parseInt(matcher.group(2));
                }
            }
            assertTrue(port > 0, seen.toString());
            Thread drain = new Thread(() -> {
                try {
                    log.transferTo(java.io.Writer.nullWriter());
                } catch (IOException ignored) {
                    // process ended
                }
            });
            drain.start();
            HttpClient client = HttpClient.newHttpClient();
            assertEquals("https://shop.example.com/one", location(client, port));

            Files.writeString(config.resolve("all.yaml"), Files.readString(config.resolve("all.yaml"))
                    .replace("/one", "/two"));
            new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start().waitFor();
            long deadline = System.currentTimeMillis() + 20_000;
            String location = null;
            while (System.currentTimeMillis() < deadline && !"https://shop.example.com/two".equals(location)) {
                Thread.sleep(50);
                location = location(client, port);
            }
            assertEquals("https://shop.example.com/two", location);
            assertEquals(200, client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + adminPort + "/readyz"))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode());

            new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).start().waitFor();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertEquals(0, process.exitValue());
        } finally {
            process.destroyForcibly();
        }
    }

    private static String location(HttpClient client, int port) throws Exception {
        HttpResponse<Void> response = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/promo"))
                .header("Host", "go.example.com").build(), HttpResponse.BodyHandlers.discarding());
        return response.headers().firstValue("Location").orElse(null);
    }

}

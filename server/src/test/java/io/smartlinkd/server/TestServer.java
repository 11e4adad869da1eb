package io.smartlinkd.server;

import io.smartlinkd.config.HostPort;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real server on 127.0.0.1:0 over a config directory and data directory in a temp folder, with a plain JDK
 * HTTP client (redirects not followed) for talking to it.
 */
final class TestServer implements AutoCloseable {
    final Path configDir;
    final Path dataDir;
    final Server server;
    final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Path configDir, Path dataDir, Server server) {
        this.configDir = configDir;
        this.dataDir = dataDir;
        this.server = server;
    }

    /** Writes {@code files} (alternating relative path, YAML text) into {@code root/config} and starts. */
    /** A person's browser: the JDK client's own user agent is classified as a bot, which changes caps and cookies. */
    static final String BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/126.0.0.0 Safari/537.36";

    static TestServer start(Path root, String... files) throws Exception {
        Path configDir = root.resolve("config");
        Files.createDirectories(configDir);
        write(configDir, files);
        Path dataDir = root.resolve("data");
        ServerOptions options = new ServerOptions(configDir, dataDir, new HostPort("127.0.0.1", 0),
                new HostPort("127.0.0.1", 0), false);
        return new TestServer(configDir, dataDir, Server.start(options));
    }

    static void write(Path configDir, String... files) throws IOException {
        for (int i = 0; i < files.length; i += 2) {
            Path file = configDir.resolve(files[i]);
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp-write");
            Files.writeString(tmp, files[i + 1], StandardCharsets.UTF_8);
            Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.publicPort();
    }

    String admin() {
        return "http://127.0.0.1:" + server.adminPort();
    }

    HttpResponse<String> get(String host, String path) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(10))
                .header("User-Agent", BROWSER);
        if (host != null) {
            request.header("Host", host);
        }
        return client.send(request.GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> adminGet(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(admin() + path)).timeout(Duration.ofSeconds(10)).GET()
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> adminPost(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(admin() + path)).timeout(Duration.ofMinutes(1))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    String location(String host, String path) throws IOException, InterruptedException {
        return get(host, path).headers().firstValue("Location").orElse(null);
    }

    @Override
    public void close() {
        server.stop();
    }
}

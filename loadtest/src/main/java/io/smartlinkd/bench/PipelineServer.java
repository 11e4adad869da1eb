package io.smartlinkd.bench;

import io.smartlinkd.config.HostPort;
import io.smartlinkd.geo.GeoService;
import io.smartlinkd.http.ServerState;
import io.smartlinkd.server.Server;
import io.smartlinkd.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A real smartlinkd started as {@code smartlinkd serve} starts it ({@link Server#start}) on the pipeline config:
 * country database, user-agent classifier with its parse thread, cap counters, discount pools with their refill
 * thread, journal with the default fsync policy. Its listeners are bound to free loopback ports and left idle:
 * benchmarks drive its {@link ServerState} through an {@code EmbeddedChannel}, so no socket is timed.
 */
final class PipelineServer implements AutoCloseable {
    private final Path dir;
    private final PipelineConfig config;
    private final Server server;

    private PipelineServer(Path dir, PipelineConfig config, Server server) {
        this.dir = dir;
        this.config = config;
        this.server = server;
    }

    /**
     * @param proxyProtocol every connection starts with a PROXY protocol header
     */
    static PipelineServer start(int links, boolean proxyProtocol) throws Exception {
        Path dir = BenchFiles.tempDir("smartlinkd-pipeline-bench");
        PipelineConfig config = PipelineConfig.write(dir, links);
        if (proxyProtocol) {
            config.proxyProtocol();
        }
        HostPort anyPort = new HostPort("127.0.0.1", 0);
        Server server = Server.start(new ServerOptions(config.dir(), dir.resolve("data"), anyPort, anyPort, false));
        // Serving starts after at most 30 s of waiting for the country table; on a busy machine its build can take
        // longer, and clicks timed before it is live would skip geo.
        GeoService geo = server.state().classifiers().geo();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (!geo.loaded() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        if (!geo.loaded()) {
            server.stop();
            throw new IllegalStateException("country database not loaded after 2 minutes: " + geo.file());
        }
        return new PipelineServer(dir, config, server);
    }

    ServerState state() {
        return server.state();
    }

    PipelineConfig config() {
        return config;
    }

    /** Stops the server as SIGTERM would (drain, flush the journal, close the maps) and deletes its files. */
    @Override
    public void close() throws IOException {
        server.stop();
        BenchFiles.delete(dir);
    }
}

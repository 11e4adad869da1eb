package io.smartlinkd.bench;

import io.smartlinkd.config.HostPort;
import io.smartlinkd.http.ServerState;
import io.smartlinkd.server.Server;
import io.smartlinkd.server.ServerOptions;
import java.io.IOException;
import java.nio.file.Path;

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

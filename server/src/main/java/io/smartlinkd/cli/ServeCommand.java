package io.smartlinkd.cli;

import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.HostPort;
import io.smartlinkd.server.Server;
import io.smartlinkd.server.ServerOptions;
import io.smartlinkd.server.StartupException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import sun.misc.Signal;

/** {@code smartlinkd serve}: runs the server until SIGTERM/SIGINT; SIGHUP reloads the config. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Serve links from a config directory.")
final class ServeCommand implements Callable<Integer> {
    @Option(names = "--config", required = true, paramLabel = "DIR", description = "Config directory (YAML files).")
    Path config;

    @Option(names = "--listen", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Public listener (overrides server.listen).")
    HostPort listen;

    @Option(names = "--admin", paramLabel = "HOST:PORT", converter = HostPortConverter.class,
            description = "Admin listener (overrides server.admin).")
    HostPort admin;

    @Option(names = "--data", paramLabel = "DIR", description = "Data directory (overrides server.data_dir).")
    Path data;

    @Option(names = "--no-watch", description = "Do not reload when config files change (SIGHUP still reloads).")
    boolean noWatch;

    @Override
    public Integer call() {
        ServerOptions options = new ServerOptions(config, data, listen, admin, !noWatch);
        return serve(options, null);
    }

    /** Starts, runs {@code onStarted}, and blocks until a stop signal; returns the exit status. */
    static int serve(ServerOptions options, java.util.function.Consumer<Server> onStarted) {
        // Before the start: a stop signal that comes as the server starts to serve must stop it gracefully too,
        // not kill it with the JVM's default handler. One during the start stops the server once it is started.
        CountDownLatch stop = new CountDownLatch(1);
        Signal.handle(new Signal("TERM"), signal -> stop.countDown());
        Signal.handle(new Signal("INT"), signal -> stop.countDown());
        Server server;
        try {
            server = Server.start(options);
        } catch (ConfigException e) {
            System.err.println(e.getMessage());
            System.err.println("smartlinkd: config " + options.configDir() + " rejected ("
                    + e.errors().size() + " error" + (e.errors().size() == 1 ? "" : "s") + ")");
            return 1;
        } catch (StartupException e) {
            System.err.println("smartlinkd: cannot start: " + e.getMessage());
            return 1;
        }
        Signal.handle(new Signal("HUP"), signal -> server.reload("SIGHUP"));
        if (onStarted != null) {
            onStarted.accept(server);
        }
        try {
            stop.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server.stop();
        return 0;
    }
}

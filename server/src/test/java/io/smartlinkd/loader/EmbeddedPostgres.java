package io.smartlinkd.loader;

import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster for integration tests, run from the machine's own binaries (Debian's
 * {@code postgresql} package): {@code initdb} into a temporary directory, {@code pg_ctl start} on a free loopback
 * port with its Unix socket in that directory, {@code pg_ctl stop} and delete on {@link #close()}. PostgreSQL refuses
 * to run as root, so as root every command runs as the {@code postgres} user that package creates. Missing binaries
 * fail the test with instructions: a database test that silently skips proves nothing.
 */
public final class EmbeddedPostgres implements AutoCloseable {
    private static final String SERVICE_USER = "postgres";

    private final Path bin;
    private final Path root;
    private final Path data;
    private final int port;
    private final boolean asServiceUser;
    private int databases;

    private EmbeddedPostgres(Path bin, Path root, int port, boolean asServiceUser) {
        this.bin = bin;
        this.root = root;
        this.data = root.resolve("data");
        this.port = port;
        this.asServiceUser = asServiceUser;
    }

    public static EmbeddedPostgres start() throws IOException, InterruptedException {
        Path bin = findBinaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path dir = Files.createTempDirectory("smartlinkd-pg");
        if (root) {
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService()
                    .lookupPrincipalByName(SERVICE_USER);
            Files.setOwner(dir, owner);
        }
        EmbeddedPostgres postgres = new EmbeddedPostgres(bin, dir, freePort(), root);
        postgres.run(60, "initdb", "-D", postgres.data.toString(), "-A", "trust", "-U", SERVICE_USER, "-E", "UTF8",
                "--no-locale", "--no-sync");
        postgres.run(60, "pg_ctl", "-D", postgres.data.toString(), "-l", dir.resolve("server.log").toString(), "-w",
                "-t", "60", "-o", "-p " + postgres.port + " -k " + dir + " -c listen_addresses=127.0.0.1"
                        + " -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start");
        return postgres;
    }

    private static Path findBinaries() throws IOException, InterruptedException {
        List<Path> candidates = new ArrayList<>();
        try {
            Process pgConfig = new ProcessBuilder("pg_config", "--bindir").redirectErrorStream(true).start();
            String out = new String(pgConfig.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (pgConfig.waitFor() == 0 && !out.isEmpty()) {
                candidates.add(Path.of(out));
            }
        } catch (IOException noPgConfig) {
            // Debian's server package does not put pg_config on PATH; fall through to its versioned directories.
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                versions.map(v -> v.resolve("bin"))
                        .sorted(Comparator.comparing((Path p) -> versionOf(p)).reversed())
                        .forEach(candidates::add);
            }
        }
        for (Path candidate : candidates) {
            if (Files.isExecutable(candidate.resolve("initdb")) && Files.isExecutable(candidate.resolve("pg_ctl"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("PostgreSQL server binaries (initdb, pg_ctl) not found via pg_config --bindir"
                + " or /usr/lib/postgresql/*/bin: install them (Debian: apt-get install postgresql; .ci/run does)");
    }

    private static int versionOf(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private void run(int timeoutSeconds, String program, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        if (asServiceUser) {
            command.addAll(List.of("runuser", "-u", SERVICE_USER, "--"));
        }
        command.add(bin.resolve(program).toString());
        command.addAll(List.of(args));
        File log = root.resolve(program + ".out").toFile();
        Process process = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
                .redirectOutput(log).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(program + " did not finish in " + timeoutSeconds + " s: " + Files.readString(log.toPath()));
        }
        if (process.exitValue() != 0) {
            String serverLog = Files.exists(root.resolve("server.log")) ? Files.readString(root.resolve("server.log")) : "";
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": "
                    + Files.readString(log.toPath()) + serverLog);
        }
    }

    /** Creates a fresh, empty database and returns its JDBC URL. */
    public String createDatabase() throws SQLException {
        String name = "test_" + (++databases);
        try (Connection admin = DriverManager.getConnection(url("postgres"));
                Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    private String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + SERVICE_USER;
    }

    @Override
    public void close() throws IOException {
        try {
            run(60, "pg_ctl", "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping PostgreSQL", e);
        } finally {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}

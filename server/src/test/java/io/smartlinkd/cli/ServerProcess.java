package io.smartlinkd.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code smartlinkd serve} in its own JVM, as an operator runs it, with real signals. */
final class ServerProcess implements AutoCloseable {
    private static final Pattern SERVING =
            Pattern.compile("serving on http://127\\.0\\.0\\.1:(\\d+) \\(admin http://127\\.0\\.0\\.1:(\\d+)");

    final Process process;
    final int port;
    final int adminPort;
    final StringBuffer log = new StringBuffer();

    private ServerProcess(Process process, int port, int adminPort) {
        this.process = process;
        this.port = port;
        this.adminPort = adminPort;
    }

    static List<String> java(String... args) {
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

    /** Starts and waits until the server logs that it serves. */
    static ServerProcess start(Path config, Path data) throws IOException {
        Process process = new ProcessBuilder(java("serve", "--config", config.toString(), "--data", data.toString(),
                "--listen", "127.0.0.1:0", "--admin", "127.0.0.1:0", "--no-watch")).redirectErrorStream(true).start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        StringBuilder seen = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            seen.append(line).append('\n');
            Matcher matcher = SERVING.matcher(line);
            if (matcher.find()) {
                ServerProcess server = new ServerProcess(process, Integer.parseInt(matcher.group(1)),
                        Integer.parseInt(matcher.group(2)));
                server.log.append(seen);
                Thread drain = new Thread(() -> {
                    try {
                        for (String more; (more = lines.readLine()) != null; ) {
                            server.log.append(more).append('\n');
                        }
                    } catch (IOException ignored) {
                        // process ended
                    }
                });
                drain.setDaemon(true);
                drain.start();
                return server;
            }
        }
        throw new IOException("server did not start:\n" + seen);
    }

    void signal(String name) throws Exception {
        new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start().waitFor();
    }

    int waitForExit() throws InterruptedException {
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new IllegalStateException("server did not exit:\n" + log);
        }
        return process.exitValue();
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}

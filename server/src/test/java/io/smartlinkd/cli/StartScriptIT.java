package io.smartlinkd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd/smartlinkd-start: the first run writes the class archive at exit, the next runs with it. */
class StartScriptIT {
    private static final Path SCRIPT = Path.of("..", "systemd", "smartlinkd-start").toAbsolutePath();
    private static final Path JAR = Path.of("target", "smartlinkd.jar").toAbsolutePath();

    @TempDir
    Path dir;

    @Test
    void shouldWriteTheClassArchiveOnceAndThenStartWithIt() throws Exception {
        Path archive = dir.resolve("classes.jsa");
        assertEquals(0, run(archive, ""));
        assertTrue(Files.size(archive) > 1_000_000, "archive written at exit");
        long written = Files.getLastModifiedTime(archive).toMillis();
        // -Xshare:on makes the JVM fail rather than start without the archive.
        assertEquals(0, run(archive, "-Xshare:on"));
        assertEquals(written, Files.getLastModifiedTime(archive).toMillis(), "kept, not rewritten");
    }

    @Test
    void shouldReplaceAnArchiveOlderThanTheJar() throws Exception {
        Path archive = dir.resolve("classes.jsa");
        Files.writeString(archive, "stale");
        Files.setLastModifiedTime(archive, java.nio.file.attribute.FileTime.fromMillis(0));
        assertEquals(0, run(archive, ""));
        assertTrue(Files.size(archive) > 1_000_000);
    }

    private int run(Path archive, String javaOpts) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "--version").redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("SMARTLINKD_JAR", JAR.toString());
        env.put("SMARTLINKD_CLASS_ARCHIVE", archive.toString());
        env.put("JAVA_OPTS", javaOpts);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = process.waitFor();
        assertTrue(status == 0, output);
        return status;
    }
}

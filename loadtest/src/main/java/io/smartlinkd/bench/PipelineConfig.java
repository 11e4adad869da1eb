package io.smartlinkd.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The config with the whole click pipeline on, as the closed-loop benchmarks serve it: {@code write_pipeline_config}
 * of {@code loadtest/bench/bench-lib.sh} (the demo config; trusted loopback proxy; the CC0 country database; nine
 * links in ten CPA smartlinks with six rules ending in a capped offer pool, every tenth an influencer link with a
 * local discount) over the anchor's slugs ({@link BenchSlugs}). The shell function itself writes it, so the JMH
 * and the closed-loop numbers are of the same config. Needs the repository root as working directory and the
 * country database in {@code data/} ({@code geo-data/fetch-cc0.sh data}).
 */
final class PipelineConfig {
    static final String HOST = "go.example.com";
    /** The discount of the coded links. */
    static final String DISCOUNT = "b-code";
    /** A partner of the demo config, for {@code /slug/partner} clicks. */
    static final String PARTNER = "anna";
    private static final Path LIBRARY = Path.of("loadtest/bench/bench-lib.sh");
    private static final Path GEO_DATABASE = Path.of("data/geo-whois-asn-country.mmdb");

    private final Path dir;
    private final Path slugs;

    private PipelineConfig(Path dir, Path slugs) {
        this.dir = dir;
        this.slugs = slugs;
    }

    /** Writes the config for links {@code 1..links} into {@code parent/config} and their slugs beside it. */
    static PipelineConfig write(Path parent, int links) throws IOException, InterruptedException {
        Path root = Path.of("").toAbsolutePath();
        require(root.resolve(LIBRARY), "run from the repository root");
        require(root.resolve(GEO_DATABASE), "fetch it first: geo-data/fetch-cc0.sh data");
        Path slugs = BenchSlugs.writeTsv(parent.resolve("slugs.tsv"), links);
        Path dir = parent.resolve("config");
        Process shell = new ProcessBuilder("bash", "-c",
                "set -euo pipefail; root=$1; source \"$root/" + LIBRARY + "\"; write_pipeline_config \"$2\" \"$3\"",
                "write_pipeline_config", root.toString(), dir.toString(), slugs.toString())
                .redirectErrorStream(true).start();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (shell.waitFor() != 0) {
            throw new IOException("write_pipeline_config failed: " + output);
        }
        return new PipelineConfig(dir, slugs);
    }

    private static void require(Path file, String hint) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " missing: " + hint);
        }
    }

    /** Every public connection must start with a PROXY protocol header (its source is the trusted balancer). */
    PipelineConfig proxyProtocol() throws IOException {
        // write_pipeline_config's last addition to server.yaml is under `server:`, so this line is too.
        Files.writeString(dir.resolve("server.yaml"), "  proxy_protocol: true\n", StandardOpenOption.APPEND);
        return this;
    }

    Path dir() {
        return dir;
    }

    /** The "slug TAB destination" file, in link order (the order Zipf ranks follow). */
    Path slugs() {
        return slugs;
    }
}

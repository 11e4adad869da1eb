package io.smartlinkd.cli;

import io.smartlinkd.agent.BotRules;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigError;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.ConfigSource;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.SlugRegistry;
import io.smartlinkd.routing.OfferRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smartlinkd check DIR}: validates a config offline like {@code nginx -t}; prints {@code file:line:column:
 * message} lines and exits 1 when it would be rejected.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = "Validate a config directory; exit 0 if a server would accept it.")
final class CheckCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DIR", description = "Config directory.")
    Path config;

    @Option(names = "--data", paramLabel = "DIR",
            description = "Also check against the slugs already published in this data directory.")
    Path data;

    @Override
    public Integer call() {
        if (!Files.isDirectory(config)) {
            System.err.println(config + ": not a directory");
            return 2;
        }
        Path scratch = null;
        try {
            // Links are streamed, as the server reads them: a config of millions of links is checked in little heap.
            scratch = Files.createTempDirectory("smartlinkd-check");
            long links;
            Config parsed;
            boolean published = data != null && Files.exists(data.resolve("published-slugs.cm3"));
            try (ConfigSource source = ConfigLoader.open(config);
                 SlugRegistry registry = published ? SlugRegistry.openForReading(data) : null;
                 // Read only: check never records offer numbers.
                 CompiledLinkSet compiled = LinkSetCompiler.compile(source, registry,
                         published ? OfferRegistry.open(data) : null, System.currentTimeMillis(), scratch)) {
                parsed = compiled.config();
                links = compiled.entries().count();
                BotRules.load(parsed.bots()); // an operator's crawler list is checked too
            }
            System.out.println(config + ": ok (" + links + " links, " + parsed.partners().size()
                    + " partners, " + parsed.domains().size() + " domains, " + parsed.offers().size() + " offers, "
                    + parsed.pools().size() + " pools)");
            return 0;
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                System.err.println(error.format());
            }
            System.err.println(config + ": " + e.errors().size() + " error" + (e.errors().size() == 1 ? "" : "s"));
            return 1;
        } catch (IOException e) {
            System.err.println(data + ": cannot read published slugs: " + e.getMessage());
            return 2;
        } finally {
            deleteQuietly(scratch);
        }
    }

    private static void deleteQuietly(Path scratch) {
        if (scratch == null) {
            return;
        }
        try {
            Files.deleteIfExists(scratch);
        } catch (IOException e) {
            // An empty temporary directory left behind costs nothing.
        }
    }
}

package io.smartlinkd.cli;

import io.smartlinkd.agent.BotRules;
import io.smartlinkd.agent.UserAgentClassifier;
import io.smartlinkd.config.Config;
import io.smartlinkd.config.ConfigError;
import io.smartlinkd.config.ConfigException;
import io.smartlinkd.config.ConfigLoader;
import io.smartlinkd.config.GeoConfig;
import io.smartlinkd.geo.GeoService;
import io.smartlinkd.link.CompiledLinkSet;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkSetCompiler;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.routing.CapCounters;
import io.smartlinkd.server.ExplainTime;
import io.smartlinkd.server.Explainer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code smartlinkd explain CONFIG_DIR URL}: where a click on URL would go with that config, and why, as the admin
 * {@code /explain} endpoint answers it, without a running server. Caps count as empty (no live counters offline).
 */
@Command(name = "explain", mixinStandardHelpOptions = true,
        description = "Show where a click would go with a config, and why (JSON); records nothing.")
final class ExplainCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CONFIG_DIR", description = "Config directory.")
    Path config;

    @Parameters(index = "1", paramLabel = "URL", description = "The click URL, such as https://go.example.com/summer.")
    String url;

    @Option(names = "--ip", description = "Client IP address (country from the configured geo database).")
    String ip;

    @Option(names = "--ua", description = "User-Agent header.")
    String userAgent;

    @Option(names = "--lang", description = "Accept-Language header.")
    String language;

    @Option(names = "--referrer", description = "Referer header.")
    String referrer;

    @Option(names = "--at", description = "Click time: ISO-8601 instant or epoch milliseconds (default: now).")
    String at;

    @Option(names = "--visits", defaultValue = "1", description = "The visitor's visit count (default ${DEFAULT-VALUE}).")
    int visits;

    @Option(names = "--geo", paramLabel = "FILE", description = "Country database to use instead of the config's.")
    Path geoFile;

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(config)) {
            System.err.println(config + ": not a directory");
            return 2;
        }
        Long atMs;
        try {
            atMs = ExplainTime.parse(at);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 2;
        }
        Config parsed;
        BotRules botRules;
        CompiledLinkSet compiled;
        try {
            parsed = ConfigLoader.load(config);
            botRules = BotRules.load(parsed.bots());
            compiled = LinkSetCompiler.compile(parsed, null, System.currentTimeMillis());
        } catch (ConfigException e) {
            for (ConfigError error : e.errors()) {
                System.err.println(error.format());
            }
            return 1;
        }
        Path scratch = Files.createTempDirectory("smartlinkd-explain");
        GeoService geo = null;
        try (LinkTable table = LinkTable.openOrBuild(scratch.resolve("links"), compiled.entries());
             UserAgentClassifier userAgents = new UserAgentClassifier(botRules, 64)) {
            LinkSet links = new LinkSet(parsed, compiled.domains(), compiled.partners(), table,
                    compiled.routing().table().router(CapCounters.inMemory()), 1);
            GeoConfig geoConfig = geoFile != null ? new GeoConfig(geoFile, 0) : parsed.server().geo();
            if (geoConfig.database() != null) {
                geo = GeoService.start(new GeoConfig(geoConfig.database(), 0));
                geo.awaitFirstCheck(60_000);
            }
            String json = new Explainer(geo, userAgents).explain(links,
                    new Explainer.Request(url, ip, userAgent, language, referrer, atMs, visits));
            System.out.println(json);
            return json.contains("\"error\":") ? 2 : 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } finally {
            if (geo != null) {
                geo.close();
            }
            deleteTree(scratch);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}

package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class BotsConfigTest {
    @TempDir
    Path dir;

    private ConfigDir config;

    @BeforeEach
    void setUp() {
        config = new ConfigDir(dir).withDomain();
    }

    @Test
    void shouldReadSubstringsTheCrawlerListRelativeToTheConfigDirAndTheCacheSize() throws Exception {
        config.write("lists/crawlers.json", "[]").write("bots.yaml", """
                user_agents:
                  - UptimeRobot
                  - "  MyCompanyMonitor "
                  - uptimerobot
                crawler_list: lists/crawlers.json
                user_agent_cache: 131072
                """);

        BotsConfig bots = config.load().bots();

        assertEquals(List.of("UptimeRobot", "MyCompanyMonitor"), bots.userAgents(), "trimmed, duplicates in any case once");
        assertEquals(dir.resolve("lists/crawlers.json").toAbsolutePath().normalize(), bots.crawlerList());
        assertEquals(new SourceLocation("bots.yaml", 5, 15), bots.crawlerListAt());
        assertEquals(131_072, bots.userAgentCache());
    }

    @Test
    void shouldUseTheDefaultsWithoutABotsFileOrWithAnEmptyOne() throws Exception {
        assertEquals(BotsConfig.DEFAULTS, config.load().bots());

        config.write("bots.yml", "# nothing yet\n");
        BotsConfig bots = config.load().bots();

        assertEquals(List.of(), bots.userAgents());
        assertNull(bots.crawlerList());
        assertEquals(BotsConfig.DEFAULT_USER_AGENT_CACHE, bots.userAgentCache());
    }

    @Test
    void shouldTakeTheCrawlerListPathFromTheEnvironment() throws Exception {
        config.write("crawlers.json", "[]").env(Map.of("CRAWLERS", "crawlers.json"))
                .write("bots.yaml", "crawler_list: ${CRAWLERS}\n");

        assertEquals(dir.resolve("crawlers.json").toAbsolutePath().normalize(), config.load().bots().crawlerList());
    }

    @Test
    void shouldReportEachBadValueWithFileLineAndColumn() {
        config.write("bots.yaml", """
                user_agents:
                  - ok-monitor
                  - Mo
                  - "Bot\\u00e9"
                crawler_list: missing.json
                user_agent_cache: 1000
                unknown: 1
                """);

        assertEquals(List.of(
                "bots.yaml:3:5: user_agents: a substring must have 3 to 200 characters (got 'Mo')",
                "bots.yaml:4:5: user_agents: a substring must be printable ASCII (got 'Bot\u00e9')",
                "bots.yaml:5:15: crawler_list: cannot read 'missing.json' (no such file)",
                "bots.yaml:6:19: user_agent_cache must be a power of two (got 1000)",
                "bots.yaml:7:1: unknown key 'unknown' in bots.yaml (allowed: user_agents, crawler_list, user_agent_cache)"),
                config.errors());
    }

    @Test
    void shouldRefuseTwoBotsFilesAndOneThatIsNotAMapping() {
        config.write("bots.yaml", "user_agents: [acme-probe]\n").write("bots.yml", "- acme-probe\n");

        assertEquals(List.of("bots.yml:1:1: bot settings are already in bots.yaml (keep one of the two files)"),
                config.errors());

        config.write("bots.yml", "user_agents: [x-probe]\n");
        new ConfigDir(dir.resolve("other")).withDomain().write("bots.yaml", "- acme-probe\n");
        assertEquals(List.of("bots.yaml:1:1: a bots file must be a mapping (user_agents, crawler_list, user_agent_cache),"
                + " got a list"), new ConfigDir(dir.resolve("other")).errors());
    }

    @Test
    void shouldReadABotsFileInASubdirectoryAsOrdinarySections() throws Exception {
        config.write("links/bots.yaml", """
                links:
                  - slug: bots
                    destination: https://example.com/bots
                """);

        Config loaded = config.load();

        assertEquals(1, loaded.links().size());
        assertEquals(BotsConfig.DEFAULTS, loaded.bots());
    }
}

package io.smartlinkd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.BotsConfig;
import io.smartlinkd.config.ConfigError;
import io.smartlinkd.config.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class BotRulesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReplaceTheBundledListWithTheOperatorsFile() throws Exception {
        Path list = write("crawlers.json", """
                [
                  {"pattern": "AcmeCrawler", "instances": ["AcmeCrawler/1.0"], "url": "https://example.com"},
                  {"pattern": "^Probe\\\\/[0-9]", "instances": []}
                ]
                """);
        BotRules rules = BotRules.load(config(List.of(), list));

        assertEquals(2, rules.crawlerPatterns());
        assertEquals(list.toString(), rules.crawlerSource());
        assertTrue(rules.crawlers().matches("Mozilla/5.0 (X11) AcmeCrawler"));
        assertTrue(rules.crawlers().matches("Probe/2 (x)"));
        assertFalse(rules.crawlers().matches("Mozilla/5.0 (compatible; AhrefsBot/7.0)"), "the bundled list is gone");
    }

    @Test
    void shouldKeepTheRulesInForceWhenTheConfigAsksForTheSameOnes() throws Exception {
        Path list = write("crawlers.json", "[{\"pattern\": \"AcmeCrawler\"}]");
        BotRules inForce = BotRules.load(config(List.of("probe"), list));

        assertSame(inForce, BotRules.load(config(List.of("probe"), list), inForce));
        assertNotSame(inForce, BotRules.load(config(List.of("probe", "scan"), list), inForce), "other substrings");
        Files.writeString(list, "[{\"pattern\": \"OtherCrawler\"}]");
        BotRules edited = BotRules.load(config(List.of("probe"), list), inForce);
        assertNotSame(inForce, edited, "the same file with new content");
        assertTrue(edited.crawlers().matches("OtherCrawler/1"));
        assertNotSame(BotRules.load(config(List.of(), null)), BotRules.load(config(List.of(), null)),
                "without rules in force each load builds its own");
    }

    @Test
    void shouldRefuseABadPatternWithTheFileLineAndColumn() throws Exception {
        Path list = write("crawlers.json", "[\n  {\"pattern\": \"ok\"},\n  {\"pattern\": \"bad(\"}\n]\n");

        ConfigException refused = assertThrows(ConfigException.class, () -> BotRules.load(config(List.of(), list)));

        assertEquals(1, refused.errors().size());
        ConfigError error = refused.errors().get(0);
        assertEquals(list + ":3:15", error.where().toString());
        assertTrue(error.message().startsWith("invalid pattern: Unclosed group"), error.message());
    }

    @Test
    void shouldRefuseAFileThatIsNotACrawlerList() throws Exception {
        Path broken = write("broken.json", "[{\"pattern\": \"a\"},\n  {\"pattern\": }]");
        Path object = write("object.json", "{\"pattern\": \"a\"}");
        Path missing = write("missing.json", "[{\"url\": \"https://example.com\"}]");

        assertEquals(List.of(broken + ":2:15: invalid JSON: Unexpected character ('}' (code 125)): expected a value"),
                messages(broken));
        assertEquals(List.of(object + ":1:1: expected a JSON array of crawler entries"), messages(object));
        assertEquals(List.of(missing + ":1:2: entry without a \"pattern\" string"), messages(missing));
    }

    @Test
    void shouldBeTheSameOnlyWithTheSameSubstringsAndListContent() throws Exception {
        Path list = write("a.json", "[{\"pattern\": \"A\"}]");
        Path copy = write("b.json", "[{\"pattern\": \"A\"}]");
        Path other = write("c.json", "[{\"pattern\": \"B\"}]");
        BotRules rules = BotRules.load(config(List.of("x-probe"), list));

        assertTrue(rules.sameAs(BotRules.load(config(List.of("x-probe"), copy))));
        assertFalse(rules.sameAs(BotRules.load(config(List.of("x-probe"), other))));
        assertFalse(rules.sameAs(BotRules.load(config(List.of("y-probe"), list))));
        assertTrue(BotRules.builtIn().sameAs(BotRules.builtIn()));
    }

    @Test
    void shouldFlagAdminSubstringsInTheFinalVerdict() throws Exception {
        BotRules rules = BotRules.load(config(List.of("AcmeProbe"), null));

        assertTrue(rules.isBot(WellKnownAgents.WINDOWS_CHROME + " acmeprobe/1", false));
        assertFalse(rules.isBot(WellKnownAgents.WINDOWS_CHROME, false));
        assertTrue(rules.isBot(WellKnownAgents.WINDOWS_CHROME, true), "uap-java's Spider");
    }

    private List<String> messages(Path list) {
        ConfigException refused = assertThrows(ConfigException.class, () -> BotRules.load(config(List.of(), list)));
        return refused.errors().stream().map(ConfigError::format).toList();
    }

    private static BotsConfig config(List<String> substrings, Path list) {
        return new BotsConfig(substrings, list, null, 1024);
    }

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }
}

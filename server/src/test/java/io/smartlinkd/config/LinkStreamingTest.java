package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Links read in a second pass, one item at a time ({@link ConfigSource}), as the loader does for large configs. */
class LinkStreamingTest {
    @TempDir
    Path dir;

    @Test
    void shouldStreamLinksInFileOrderAndCountThemFirst() throws ConfigException {
        ConfigDir config = new ConfigDir(dir).withDomain()
                .write("links/a.yaml", "links:\n  - slug: a1\n    destination: https://shop.example.com/1\n"
                        + "  - slug: a2\n    destination: https://shop.example.com/2\n")
                .write("links/b.yaml", "links: [{slug: b1, destination: 'https://shop.example.com/3'}]\n")
                .write("partners.yaml", "partners:\n  - id: alice\n");
        try (ConfigSource source = ConfigLoader.open(config.root(), name -> null)) {
            assertEquals(3, source.linkCount());
            assertEquals(List.of("links/a.yaml", "links/b.yaml"),
                    source.linkFiles().stream().map(ConfigSource.LinkFile::name).toList());
            assertTrue(source.linkFiles().stream().allMatch(ConfigSource.LinkFile::linksOnly));
            assertEquals(List.of(), source.settings().links());
            assertEquals(1, source.settings().partners().size());
            List<String> slugs = new ArrayList<>();
            source.forEachLink(link -> slugs.add(link.slug() + "@" + link.domain()));
            assertEquals(List.of("a1@go.example.com", "a2@go.example.com", "b1@go.example.com"), slugs);
            source.finish();
            assertTrue(source.serves("go.example.com", "a2"));
            assertFalse(source.serves("go.example.com", "zz"));
        }
    }

    @Test
    void shouldResolveAnchorsAcrossStreamedLinksAndSections() throws ConfigException {
        Config config = new ConfigDir(dir).withDomain()
                .write("all.yaml", "x-shop: &shop https://shop.example.com/\n".replace("x-shop", "partners")
                        .replace("&shop https://shop.example.com/", "[]") + ""
                        + "offers:\n  - id: o1\n    url: &url https://offer.example.com/\n"
                        + "links:\n"
                        + "  - &first {slug: a, destination: *url, utm: &utm {source: news}}\n"
                        + "  - {slug: b, destination: *url, utm: *utm}\n"
                        + "pools:\n  - {id: p1, offers: [o1]}\n")
                .load();
        assertEquals(List.of("a", "b"), config.links().stream().map(LinkConfig::slug).toList());
        assertEquals("https://offer.example.com/", config.links().get(1).destination());
        assertEquals(Map.of("source", "news"), config.links().get(1).utm());
        assertTrue(new ConfigDir(dir).load().links().size() == 2);
    }

    @Test
    void shouldStreamAnAnchoredLinksListToo() throws ConfigException {
        Config config = new ConfigDir(dir).withDomain()
                .write("links.yaml", "links: &all\n  - {slug: a, destination: 'https://shop.example.com/'}\n")
                .load();
        assertEquals(List.of("a"), config.links().stream().map(LinkConfig::slug).toList());
    }

    @Test
    void shouldReportLinkErrorsWithTheirLinesAfterStreaming() {
        List<String> errors = new ConfigDir(dir).withDomain()
                .write("links.yaml", "links:\n  - slug: a\n    destination: https://shop.example.com/\n"
                        + "  - slug: a\n    destination: https://shop.example.com/\n  - just a string\n")
                .errors();
        assertEquals(List.of("links.yaml:4:11: link id 'a' is already used at links.yaml:2:11 (the id defaults to the"
                        + " slug; give this link an id)",
                "links.yaml:4:11: slug 'a' is already used on go.example.com at links.yaml:2:11",
                "links.yaml:6:5: links: expected a mapping, got 'just a string'"), errors);
    }

    @Test
    void shouldKeepAThousandErrorsAndCountTheRest() {
        StringBuilder yaml = new StringBuilder("links:\n");
        for (int i = 0; i < 1500; i++) {
            yaml.append("  - {slug: s").append(i).append(", domain: nowhere.example, destination: 'https://x.example/'}\n");
        }
        List<String> errors = new ConfigDir(dir).withDomain().write("links.yaml", yaml.toString()).errors();
        assertEquals(BoundedErrors.MAX_KEPT + 1, errors.size());
        assertTrue(errors.get(errors.size() - 1).endsWith("... and 500 more errors (only the first 1000 are listed)"),
                errors.get(errors.size() - 1));
    }

    @Test
    void shouldSkipFilesWhoseLinksAreKnownAndRefuseToStreamThen() {
        ConfigDir config = new ConfigDir(dir).withDomain()
                .write("links/a.yaml", "links:\n  - {slug: a, destination: 'https://shop.example.com/'}\n")
                .write("links/b.yaml", "links: [{slug: b, destination: 'https://shop.example.com/'}]\noffers: []\n");
        ConfigLoader.KnownLinkFiles knowsA = (name, stamp) -> name.equals("links/a.yaml") ? 7 : -1;
        try (ConfigSource source = ConfigLoader.open(config.root(), name -> null, knowsA)) {
            assertEquals(8, source.linkCount());
            ConfigSource.LinkFile a = source.linkFiles().get(0);
            ConfigSource.LinkFile b = source.linkFiles().get(1);
            assertFalse(a.read());
            assertTrue(b.read());
            assertFalse(b.linksOnly());
            assertTrue(source.skippedLinkFiles());
            assertThrows(IllegalStateException.class, () -> source.forEachLink(link -> { }));
        }
    }

    @Test
    void shouldReadALinkAgainFromItsOwnYaml() throws ConfigException {
        ConfigDir config = new ConfigDir(dir).withDomain()
                .write("pools.yaml", "offers:\n  - {id: o1, url: 'https://offer.example.com/?c={click_id}'}\n"
                        + "pools:\n  - {id: p1, offers: [o1]}\n")
                .write("links.yaml", "links:\n  - slug: smart\n    destination: https://shop.example.com/${PATH}\n"
                        + "    utm: {source: news}\n    rules:\n      - name: de\n        when: {country: [DE]}\n"
                        + "        pool: p1\n");
        try (ConfigSource source = ConfigLoader.open(config.root(), Map.of("PATH", "x")::get)) {
            List<String> yaml = new ArrayList<>();
            List<LinkConfig> read = new ArrayList<>();
            source.forEachLink(link -> {
                yaml.add(source.currentLinkYaml());
                read.add(link);
            });
            source.finish();
            assertEquals(java.util.Set.of("PATH"), source.linkEnvNames());
            assertTrue(yaml.get(0).contains("${PATH}"), yaml.get(0));
            LinkConfig again = source.readLink(yaml.get(0), "(again)");
            assertEquals(read.get(0).destination(), again.destination());
            assertEquals(read.get(0).utm(), again.utm());
            assertEquals(read.get(0).routing().rules().get(0).when(), again.routing().rules().get(0).when());
            assertEquals("p1", again.routing().rules().get(0).pool());
            assertNull(source.readLink("slug: [unclosed", "(broken)"));
            assertTrue(source.hasErrors());
        }
    }
}

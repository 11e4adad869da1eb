package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.ConfigException;
import io.smartlinkd.link.ByteRecord;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.link.LinkView;
import io.smartlinkd.link.SlugRegistry;
import io.smartlinkd.routing.CapCounters;
import io.smartlinkd.routing.OfferRegistry;
import io.smartlinkd.routing.SimpleClickFacts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A start whose link files did not change serves the link table on disk without reading them (the link manifest),
 * and any change that could alter a record or a check compiles the links again.
 */
class LinkSetLoaderTest {
    private static final String SETTINGS = """
            domains:
              - host: go.example.com
            partners:
              - {id: alice, group: creators}
            offers:
              - {id: o1, url: 'https://offer.example.com/one?c={click_id}'}
            pools:
              - {id: p1, offers: [o1]}
            """;
    private static final String LINKS = """
            links:
              - {slug: plain, destination: 'https://shop.example.com/${SHOP_PATH}'}
              - slug: smart
                destination: https://shop.example.com/smart
                rules:
                  - {name: de, when: {country: [DE]}, pool: p1}
              - {slug: private, access: private, partners: [alice], destination: 'https://shop.example.com/p'}
            """;

    @TempDir
    Path dir;
    private Path config;
    private Path data;
    private final Map<String, String> env = new HashMap<>(Map.of("SHOP_PATH", "sale"));
    private SlugRegistry registry;
    private OfferRegistry offers;
    private CapCounters caps;
    private LinkSet live;

    @BeforeEach
    void setUp() throws IOException {
        config = Files.createDirectories(dir.resolve("config"));
        data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(config.resolve("settings.yaml"), SETTINGS);
        Files.writeString(config.resolve("links.yaml"), LINKS);
        registry = SlugRegistry.open(data);
        offers = OfferRegistry.open(data);
        caps = CapCounters.inMemory();
    }

    @AfterEach
    void tearDown() {
        if (live != null) {
            live.links().close();
        }
        registry.close();
    }

    @Test
    void shouldServeTheTableOnDiskWithoutReadingUnchangedLinkFiles() throws Exception {
        LinkSetLoader.Loaded first = load();
        assertFalse(first.known());
        String table = first.linkSet().links().file().getFileName().toString();
        String smartRecord = record(first.linkSet(), "smart");

        // Same size, same time, same inode, different bytes: if the file were read, this would not parse.
        Path links = config.resolve("links.yaml");
        FileTime modified = Files.getLastModifiedTime(links);
        byte[] garbage = new byte[(int) Files.size(links)];
        java.util.Arrays.fill(garbage, (byte) '[');
        Files.write(links, garbage);
        Files.setLastModifiedTime(links, modified);

        LinkSetLoader.Loaded second = load();
        assertTrue(second.known());
        assertEquals(table, second.linkSet().links().file().getFileName().toString());
        assertEquals(3, second.linkSet().links().size());
        assertEquals(smartRecord, record(second.linkSet(), "smart"));
        assertEquals(0, second.linkSet().config().links().size());
        int ruleSet = view(second.linkSet(), "smart").ruleSet();
        assertEquals(1, second.linkSet().router().explain(ruleSet,
                new SimpleClickFacts().country("DE").epochMs(1_700_000_000_000L)).ruleNumber());
        assertEquals("https://offer.example.com/one?c=", second.linkSet().router().explain(ruleSet,
                new SimpleClickFacts().country("DE").epochMs(1_700_000_000_000L)).url().substring(0, 32));
    }

    @Test
    void shouldCompileAgainWhenALinkFileChanges() throws Exception {
        assertFalse(load().known());
        Files.writeString(config.resolve("links.yaml"), LINKS + "  - {slug: added, destination: 'https://shop.example.com/a'}\n");
        LinkSetLoader.Loaded again = load();
        assertFalse(again.known());
        assertNotNull(view(again.linkSet(), "added"));
        assertTrue(load().known());
    }

    @Test
    void shouldCompileAgainWhenANewFileHoldsLinks() throws Exception {
        assertFalse(load().known());
        Files.writeString(config.resolve("more.yaml"), "links: [{slug: more, destination: 'https://shop.example.com/m'}]\n");
        LinkSetLoader.Loaded again = load();
        assertFalse(again.known());
        assertNotNull(view(again.linkSet(), "more"));
    }

    @Test
    void shouldCompileAgainWhenTheSettingsTheLinksDependOnChange() throws Exception {
        assertFalse(load().known());
        // A partner before alice renumbers her, and the private link's record names her by number.
        Files.writeString(config.resolve("settings.yaml"), SETTINGS.replace("partners:\n",
                "partners:\n  - {id: bob}\n"));
        assertFalse(load().known());
        assertTrue(load().known());
    }

    @Test
    void shouldKeepTheTableWhenOnlyOffersChange() throws Exception {
        assertFalse(load().known());
        Files.writeString(config.resolve("settings.yaml"), SETTINGS.replace("offer.example.com/one",
                "offer.example.com/two"));
        LinkSetLoader.Loaded again = load();
        assertTrue(again.known());
        int ruleSet = view(again.linkSet(), "smart").ruleSet();
        assertTrue(again.linkSet().router().explain(ruleSet, new SimpleClickFacts().country("DE")
                .epochMs(1_700_000_000_000L)).url().startsWith("https://offer.example.com/two"));
    }

    @Test
    void shouldCompileAgainWhenAnEnvironmentVariableOfTheLinksChanges() throws Exception {
        assertFalse(load().known());
        env.put("SHOP_PATH", "winter");
        LinkSetLoader.Loaded again = load();
        assertFalse(again.known());
        assertTrue(record(again.linkSet(), "plain").contains("winter"));
    }

    @Test
    void shouldCompileAgainWhenARuleSetNoLongerCompiles() throws Exception {
        assertFalse(load().known());
        // The pool the rules use is gone: the links are read again, and their error points at the link.
        Files.writeString(config.resolve("settings.yaml"), SETTINGS.replace("pools:\n  - {id: p1, offers: [o1]}\n",
                "pools: []\n"));
        ConfigException refused = assertThrows(ConfigException.class, this::load);
        assertTrue(refused.getMessage().contains("links.yaml:6:"), refused.getMessage());
    }

    @Test
    void shouldNotKeepAManifestForAFileThatMixesLinksWithOtherSections() throws Exception {
        Files.delete(config.resolve("links.yaml"));
        Files.writeString(config.resolve("settings.yaml"), SETTINGS + LINKS.replace("${SHOP_PATH}", "x"));
        assertFalse(load().known());
        assertFalse(Files.exists(data.resolve("links/manifest.bin")));
        assertFalse(load().known());
    }

    @Test
    void shouldNotKeepAManifestForASmallConfigByDefault() throws Exception {
        LinkSetLoader loader = new LinkSetLoader(config, data, registry, offers, caps, null, env::get,
                LinkSetLoader.KNOWN_LINKS_ABOVE, () -> null);
        LinkSetLoader.Loaded loaded = loader.load();
        loader.published(loaded);
        live = loaded.linkSet();
        assertFalse(Files.exists(data.resolve("links/manifest.bin")));
        assertEquals(3, loaded.linkSet().links().size());
    }

    /** A fresh loader each time, as a restart has. */
    private LinkSetLoader.Loaded load() throws ConfigException {
        LinkSetLoader loader = new LinkSetLoader(config, data, registry, offers, caps, null, env::get, 0, () -> null);
        LinkSetLoader.Loaded loaded = loader.load();
        loader.published(loaded);
        if (live != null) {
            live.links().close();
        }
        live = loaded.linkSet();
        return loaded;
    }

    private static LinkView view(LinkSet links, String slug) {
        ByteRecord found = links.links().lookup(ByteRecord.copyOf(LinkTable.key(1, slug)), new ByteRecord(256));
        assertNotNull(found, slug);
        return new LinkView().wrap(found.bytes().clone());
    }

    private static String record(LinkSet links, String slug) {
        ByteRecord found = links.links().lookup(ByteRecord.copyOf(LinkTable.key(1, slug)), new ByteRecord(256));
        assertNotNull(found, slug);
        return new String(found.bytes(), 0, found.length(), StandardCharsets.ISO_8859_1);
    }

    @Test
    void shouldServeNothingUnknownWhenTheTableFileIsGone() throws Exception {
        LinkSetLoader.Loaded first = load();
        Path table = first.linkSet().links().file();
        live.links().close();
        live = null;
        Files.delete(table);
        LinkSetLoader.Loaded again = load();
        assertFalse(again.known());
        assertEquals(3, again.linkSet().links().size());
    }
}

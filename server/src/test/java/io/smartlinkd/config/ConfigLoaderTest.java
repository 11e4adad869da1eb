package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class ConfigLoaderTest {
    private static final String KEY = "0123456789abcdef0123";

    @TempDir
    Path dir;

    @Test
    void shouldLoadEveryFieldOfAFullConfigWithItsLocation() throws Exception {
        Config config = new ConfigDir(dir).env(Map.of("CLICK_KEY", KEY))
                .write("server.yaml", """
                        server:
                          node_id: 7
                          listen: 0.0.0.0:8081
                          admin: "[::1]:9091"
                          health_on_public: true
                          data_dir: /var/lib/smartlinkd
                          limits:
                            max_request_line_bytes: 2048
                            max_header_bytes: 16384
                            header_timeout: 5s
                            idle_timeout: 2m
                          drain: 1500ms
                          shutdown_timeout: 20s
                          io_threads: 4
                          click_id_key: ${CLICK_KEY}
                          default_domain: go.example.com
                        """)
                .write("domains.yaml", """
                        domains:
                          - host: go.example.com
                            aliases: [localhost, 127.0.0.1]
                            not_found: https://example.com/
                          - host: l.example.org
                        """)
                .write("partners.yaml", """
                        partners:
                          - id: anna
                            name: Anna K
                            group: influencers
                            utm: { source: anna, medium: social }
                          - id: ben
                        """)
                .write("links/summer.yaml", """
                        links:
                          - slug: summer-sale
                            id: summer-2026
                            domain: go.example.com
                            name: Summer sale
                            description: Summer campaign
                            destination: https://shop.example.com/c/summer?ref={partner}
                            utm: { source: "{partner}", medium: influencer, campaign: summer }
                            access: private
                            partners: [anna, ben]
                            partner_groups: [influencers]
                            redirect: 301
                            active: false
                            fallback: https://shop.example.com/
                            reject: https://shop.example.com/sorry
                          - slug: spring
                            domain: l.example.org
                            destination: https://shop.example.com/spring
                        """)
                .load();

        assertEquals(new ServerConfig(7, new HostPort("0.0.0.0", 8081), new HostPort("::1", 9091), true,
                "/var/lib/smartlinkd", new Limits(2048, 16384, 5_000, 120_000), 1_500, 20_000, 4, KEY,
                "go.example.com", JournalConfig.DEFAULTS, GeoConfig.DEFAULTS, io.smartlinkd.net.CidrSet.EMPTY, false,
                VisitorConfig.DEFAULTS, 1.0, WebhookConfig.DEFAULTS), config.server());
        assertEquals(List.of(
                new DomainConfig("go.example.com", List.of("localhost", "127.0.0.1"), "https://example.com/",
                        new SourceLocation("domains.yaml", 2, 5)),
                new DomainConfig("l.example.org", List.of(), null, new SourceLocation("domains.yaml", 5, 5))),
                config.domains());
        assertEquals(List.of(
                new PartnerConfig("anna", "Anna K", "influencers", Map.of("source", "anna", "medium", "social"),
                        new SourceLocation("partners.yaml", 2, 5)),
                new PartnerConfig("ben", "ben", null, Map.of(), new SourceLocation("partners.yaml", 6, 5))),
                config.partners());
        assertEquals(List.of(
                new LinkConfig("summer-2026", "summer-sale", "go.example.com", "Summer sale", "Summer campaign",
                        "https://shop.example.com/c/summer?ref={partner}",
                        new SourceLocation("links/summer.yaml", 7, 18),
                        Map.of("source", "{partner}", "medium", "influencer", "campaign", "summer"),
                        Access.PRIVATE, List.of("anna", "ben"), List.of("influencers"), 301, false,
                        "https://shop.example.com/", new Rejection(Rejection.Kind.URL, "https://shop.example.com/sorry"),
                        LinkRouting.NONE, null, new SourceLocation("links/summer.yaml", 2, 5)),
                new LinkConfig("spring", "spring", "l.example.org", "spring", null, "https://shop.example.com/spring",
                        new SourceLocation("links/summer.yaml", 18, 18), Map.of(), Access.PUBLIC, List.of(), List.of(),
                        302, true, null, Rejection.DEFAULT, LinkRouting.NONE, null,
                        new SourceLocation("links/summer.yaml", 16, 5))),
                config.links());
    }

    @Test
    void shouldKeepUtmParametersInTheOrderWritten() throws Exception {
        Config config = new ConfigDir(dir).withDomain()
                .write("links.yaml", """
                        links:
                          - slug: a
                            destination: https://shop.example.com/
                            utm: { campaign: c, source: s, medium: m }
                        """)
                .load();

        assertEquals(List.of("campaign", "source", "medium"), List.copyOf(config.links().get(0).utm().keySet()));
    }

    @Test
    void shouldLoadDefaultsWhenEveryFileIsEmpty() throws Exception {
        Config config = new ConfigDir(dir)
                .write("empty.yaml", "")
                .write("comments.yml", "# nothing here yet\n")
                .write("sub/document-only.yaml", "---\n")
                .load();

        assertEquals(new Config(ServerConfig.defaults(), List.of(), List.of(), List.of(), List.of(), List.of()), config);
    }

    @Test
    void shouldLoadDefaultsForAnEmptyServerSection() throws Exception {
        Config config = new ConfigDir(dir).write("server.yaml", "server:\n").load();

        assertEquals(ServerConfig.defaults(), config.server());
    }

    @Test
    void shouldConcatenateListsFromSeveralFilesInPathOrder() throws Exception {
        Config config = new ConfigDir(dir).withDomain()
                .write("links/b.yaml", "links:\n  - slug: b\n    destination: https://b.example.com/\n")
                .write("links/a.yaml", "links:\n  - slug: a\n    destination: https://a.example.com/\n")
                .write("more/links.yml", """
                        partners:
                          - id: anna
                        links:
                          - slug: c
                            destination: https://c.example.com/
                        """)
                .load();

        assertEquals(List.of("a", "b", "c"), config.links().stream().map(LinkConfig::slug).toList());
        assertEquals("links/a.yaml", config.links().get(0).at().file());
        assertEquals(List.of("anna"), config.partners().stream().map(PartnerConfig::id).toList());
    }

    @Test
    void shouldSkipHiddenFilesEditorLeftoversAndOtherExtensions() throws Exception {
        String broken = "links: [";
        Config config = new ConfigDir(dir).withDomain()
                .write(".hidden.yaml", broken)
                .write(".git/config.yaml", broken)
                .write("..2026_01_01/links.yaml", broken)
                .write("links.yaml~", broken)
                .write(".#links.yaml", broken)
                .write("#links.yaml#", broken)
                .write("links.yaml.swp", broken)
                .write("README.md", broken)
                .load();

        assertEquals(List.of(), config.links());
    }

    @Test
    void shouldGiveLinksTheOnlyDomainWhenTheyNameNone() throws Exception {
        Config config = new ConfigDir(dir).withDomain()
                .write("links.yaml", "links:\n  - slug: a\n    destination: https://shop.example.com/\n")
                .load();

        assertEquals("go.example.com", config.links().get(0).domain());
    }

    @Test
    void shouldReplaceEnvironmentVariablesDefaultsAndEscapes() throws Exception {
        Config config = new ConfigDir(dir).env(Map.of("NODE", "12", "SHOP", "shop.example.com", "EMPTY", ""))
                .withDomain()
                .write("all.yaml", """
                        server:
                          node_id: ${NODE}
                          data_dir: ${DATA_DIR:-/srv/smartlinkd}
                          click_id_key: ${EMPTY:-}
                        links:
                          - slug: a
                            description: costs $${PRICE} in $5 steps
                            destination: https://${SHOP}/p?x=1
                            name: ${EMPTY:-fallback name}
                        """)
                .load();

        assertEquals(12, config.server().nodeId());
        assertEquals("/srv/smartlinkd", config.server().dataDir());
        assertNull(config.server().clickIdKey());
        LinkConfig link = config.links().get(0);
        assertEquals("costs ${PRICE} in $5 steps", link.description());
        assertEquals("https://shop.example.com/p?x=1", link.destination());
        assertEquals("fallback name", link.name());
    }

    @Test
    void shouldApplyMergeKeysWithWrittenKeysWinning() throws Exception {
        Config config = new ConfigDir(dir).withDomain()
                .write("links.yaml", """
                        links:
                          - &base
                            slug: a
                            destination: https://shop.example.com/
                            redirect: 307
                            utm: { source: newsletter }
                          - <<: *base
                            slug: b
                            redirect: 308
                        """)
                .load();

        LinkConfig second = config.links().get(1);
        assertEquals("b", second.slug());
        assertEquals(308, second.redirectStatus());
        assertEquals("https://shop.example.com/", second.destination());
        assertEquals(Map.of("source", "newsletter"), second.utm());
    }

    @Test
    void shouldReadTheClickIdKeyFromAFileRelativeToTheConfigDirectory() throws Exception {
        Files.writeString(dir.resolve("click-id.key"), "  " + KEY + "\n", StandardCharsets.UTF_8);
        Config config = new ConfigDir(dir)
                .write("server.yaml", "server:\n  click_id_key_file: click-id.key\n")
                .load();

        assertEquals(KEY, config.server().clickIdKey());
    }

    @Test
    void shouldAcceptAByteOrderMarkAndQuotedOrPlainScalarsAlike() throws Exception {
        Config config = new ConfigDir(dir).withDomain()
                .write("links.yaml", "\uFEFFlinks:\n  - slug: 2026\n    destination: 'https://shop.example.com/'\n"
                        + "    redirect: \"308\"\n    active: no\n")
                .load();

        LinkConfig link = config.links().get(0);
        assertEquals("2026", link.slug());
        assertEquals(308, link.redirectStatus());
        assertEquals(false, link.active());
    }

    @Test
    void shouldAcceptTheRejectionKeywords() throws Exception {
        Config config = new ConfigDir(dir).withDomain()
                .write("links.yaml", """
                        links:
                          - { slug: a, destination: "https://s.example.com/", reject: destination }
                          - { slug: b, destination: "https://s.example.com/", reject: not_found }
                          - { slug: c, destination: "https://s.example.com/", reject: forbidden }
                        """)
                .load();

        assertEquals(List.of(Rejection.DEFAULT, new Rejection(Rejection.Kind.NOT_FOUND, null),
                new Rejection(Rejection.Kind.FORBIDDEN, null)),
                config.links().stream().map(LinkConfig::rejection).toList());
    }
}

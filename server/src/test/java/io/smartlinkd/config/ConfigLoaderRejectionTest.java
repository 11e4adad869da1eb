package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Configs that must be refused, each with the exact {@code file:line:column: message} users get. */
@Timeout(10)
class ConfigLoaderRejectionTest {
    @TempDir
    Path dir;

    private ConfigDir config;

    @BeforeEach
    void setUp() {
        config = new ConfigDir(dir);
    }

    // --- YAML syntax and hostile files ---

    @Test
    void shouldReportBadIndentationAtTheMisplacedKey() {
        config.write("server.yaml", "server:\n  node_id: 1\n listen: 127.0.0.1:80\n");

        assertEquals(List.of("server.yaml:3:2: bad indentation: this line does not line up with the block that starts"
                + " at server.yaml:1:1"), config.errors());
    }

    @Test
    void shouldReportAnUnclosedQuoteAndWhereTheStringStarts() {
        config.write("links/a.yaml", "links:\n  - slug: \"summer\n");

        assertEquals(List.of("links/a.yaml:3:1: unclosed quote: the string that starts at links/a.yaml:2:11 never ends"),
                config.errors());
    }

    @Test
    void shouldRefuseTabIndentation() {
        config.write("server.yaml", "server:\n\tnode_id: 1\n");

        assertEquals(List.of("server.yaml:2:1: tab characters cannot be used for indentation; use spaces"),
                config.errors());
    }

    @Test
    void shouldAskForQuotesWhenAValueStartsWithAReservedCharacter() {
        config.withDomain().write("links.yaml", "links:\n  - slug: @summer\n");

        assertEquals(List.of("links.yaml:2:11: a value cannot start with '@'; put the value in quotes"), config.errors());
    }

    @Test
    void shouldReportADuplicateKeyAtTheSecondOne() {
        config.withDomain().write("links/a.yaml", """
                links:
                  - slug: a
                    destination: https://a.example.com/
                    slug: b
                """);

        assertEquals(List.of("links/a.yaml:4:5: duplicate key 'slug' (first on line 2)"), config.errors());
    }

    @Test
    void shouldNameTheAllowedKeysWhenAKeyIsMistyped() {
        config.write("server.yaml", "server:\n  listn: 127.0.0.1:80\n");

        assertEquals(List.of("server.yaml:2:3: unknown key 'listn' in server (allowed: node_id, listen, admin,"
                + " health_on_public, data_dir, limits, drain, shutdown_timeout, io_threads, click_id_key,"
                + " click_id_key_file, default_domain, journal, geo, trusted_proxies, proxy_protocol, visitors,"
                + " caps_share, webhooks)"),
                config.errors());
    }

    @Test
    void shouldRefuseAnUnknownSection() {
        config.write("a.yaml", "link:\n  - slug: a\n");

        assertEquals(List.of("a.yaml:1:1: unknown key 'link' at the top level (allowed: server, domains, partners,"
                + " links, offers, pools, discounts)"), config.errors());
    }

    @Test
    void shouldRefuseAFileThatIsNotAMapping() {
        config.write("a.yaml", "- slug: a\n");

        assertEquals(List.of("a.yaml:1:1: a config file must be a mapping of sections (server, domains, partners,"
                + " links, offers, pools, discounts), got a list"), config.errors());
    }

    @Test
    void shouldRefuseSeveralDocumentsInOneFile() {
        config.write("a.yaml", "links: []\n---\nlinks: []\n");

        assertEquals(List.of("a.yaml:2:1: only one YAML document per file (found another '---')"), config.errors());
    }

    @Test
    void shouldRefuseAnUnknownAlias() {
        config.withDomain().write("links.yaml", "links:\n  - slug: a\n    destination: *shop\n");

        assertEquals(List.of("links.yaml:3:18: unknown alias *shop (an anchor &shop must come before it)"),
                config.errors());
    }

    @Test
    void shouldRefuseALocalTag() {
        config.withDomain().write("links.yaml", "links:\n  - slug: a\n    destination: !foo https://a.example.com/\n");

        assertEquals(List.of("links.yaml:3:18: unsupported tag !foo (only standard YAML tags are allowed)"),
                config.errors());
    }

    @Test
    void shouldRefuseAJavaTypeTag() {
        config.withDomain().write("links.yaml", "links:\n  - slug: a\n    destination: !!java.io.File /etc/passwd\n");

        assertEquals(List.of("links.yaml:3:18: unsupported tag !!java.io.File (only standard YAML tags are allowed)"),
                config.errors());
    }

    @Test
    @Timeout(5)
    void shouldRefuseABillionLaughsAliasBombQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (char level = 'b'; level <= 'i'; level++) {
            char previous = (char) (level - 1);
            bomb.append(level).append(": &").append(level).append(" [");
            for (int i = 0; i < 9; i++) {
                bomb.append(i == 0 ? "" : ",").append('*').append(previous);
            }
            bomb.append("]\n");
        }
        config.write("bomb.yaml", bomb.toString());

        // Lines b to f hold 45 aliases; the 51st is the 6th on line 7: "g: &g [*f,*f,*f,*f,*f,*f".
        assertEquals(List.of("bomb.yaml:7:23: more than 50 aliases to lists or mappings; refused (alias bomb?)"),
                config.errors());
    }

    @Test
    void shouldRefuseARecursiveStructureWithoutLooping() {
        config.write("a.yaml", "links: &loop [*loop]\n");

        assertEquals(List.of("a.yaml:1:8: links: expected a mapping, got a list"), config.errors());
    }

    @Test
    void shouldRefuseNestingDeeperThanTheLimit() {
        config.write("a.yaml", "links: " + "[".repeat(60) + "]".repeat(60) + "\n");

        List<String> errors = config.errors();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).startsWith("a.yaml:1:") && errors.get(0).endsWith(": nested more than 50 levels deep;"
                + " refused"), errors.get(0));
    }

    @Test
    void shouldRefuseAFileOver64MebibytesBeforeReadingIt() throws Exception {
        try (RandomAccessFile sparse = new RandomAccessFile(dir.resolve("big.yaml").toFile(), "rw")) {
            sparse.setLength(64L * 1024 * 1024 + 1);
        }

        assertEquals(List.of("big.yaml:1:1: file is larger than 64 MiB (67108865 bytes); refused"), config.errors());
    }

    @Test
    void shouldRefuseInvalidUtf8AtTheOffendingByte() {
        byte[] head = "links:\n  - slug: ".getBytes(StandardCharsets.US_ASCII);
        byte[] bytes = new byte[head.length + 2];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte) 0xFF;
        bytes[head.length + 1] = '\n';
        config.write("a.yaml", bytes);

        assertEquals(List.of("a.yaml:2:11: not valid UTF-8 (byte 17)"), config.errors());
    }

    @Test
    void shouldRefuseAControlCharacterInTheFile() {
        config.write("a.yaml", "links:\n  - slug: a\u0001\n");

        assertEquals(List.of("a.yaml:2:12: character U+0001 is not allowed in YAML"), config.errors());
    }

    // --- types and ranges ---

    @Test
    void shouldReportEveryValueOfTheWrongType() {
        config.write("a.yaml", """
                server:
                  node_id: [1]
                  health_on_public: maybe
                  limits: 5
                domains:
                  - host: go.example.com
                    aliases: localhost
                partners:
                  - id: anna
                    name: {first: Anna}
                    utm: [source]
                """);

        assertEquals(List.of(
                "a.yaml:2:12: node_id: expected an integer, got a list",
                "a.yaml:3:21: health_on_public: expected true or false, got 'maybe'",
                "a.yaml:4:11: limits: expected a mapping, got '5'",
                "a.yaml:7:14: aliases: expected a list, got 'localhost'",
                "a.yaml:10:11: name: expected a string, got a mapping",
                "a.yaml:11:10: utm: expected a mapping, got a list"), config.errors());
    }

    @Test
    void shouldRefuseIntegersOutOfRange() {
        config.write("server.yaml", """
                server:
                  node_id: 70000
                  io_threads: -1
                  limits:
                    max_header_bytes: 1k
                """);

        assertEquals(List.of(
                "server.yaml:2:12: node_id must be between 0 and 65535 (got 70000)",
                "server.yaml:3:15: io_threads must be between 0 and 256 (got -1)",
                "server.yaml:5:23: max_header_bytes: expected an integer, got '1k'"), config.errors());
    }

    @Test
    void shouldRefuseDurationsOutOfRangeOrMalformed() {
        config.write("server.yaml", """
                server:
                  drain: 11m
                  limits:
                    header_timeout: 50ms
                    idle_timeout: 10 seconds
                """);

        assertEquals(List.of(
                "server.yaml:2:10: drain must be between 0 and 10m (got 11m)",
                "server.yaml:4:21: header_timeout must be between 100ms and 10m (got 50ms)",
                "server.yaml:5:19: idle_timeout: expected a duration such as 500ms, 10s or 2m, got '10 seconds'"),
                config.errors());
    }

    @Test
    void shouldRefuseMalformedListenAddresses() {
        config.write("server.yaml", "server:\n  listen: localhost\n  admin: 127.0.0.1:70000\n");

        assertEquals(List.of(
                "server.yaml:2:11: listen must be host:port or [ipv6]:port (got 'localhost')",
                "server.yaml:3:10: admin port must be between 0 and 65535 (got 70000)"), config.errors());
    }

    @Test
    void shouldPointAtTheMappingThatLacksARequiredKey() {
        config.write("domains.yaml", "domains:\n  - aliases: [go.example.com]\n")
                .write("links.yaml", "links:\n  - slug: a\n    domain: go.example.com\n    name: no destination\n");

        assertEquals(List.of(
                "domains.yaml:2:5: missing required key 'host' in domain",
                "links.yaml:2:5: missing required key 'destination' in link"), config.errors());
    }

    @Test
    void shouldRefuseAnEmptyRequiredValue() {
        config.withDomain().write("links.yaml", "links:\n  - slug: \"\"\n    destination:\n");

        assertEquals(List.of(
                "links.yaml:2:11: slug must not be empty",
                "links.yaml:3:17: destination must not be empty"), config.errors());
    }

    @Test
    void shouldRefuseMalformedIdentifiers() {
        config.withDomain()
                .write("links.yaml", "links:\n  - slug: summer sale!\n    destination: https://a.example.com/\n")
                .write("partners.yaml", "partners:\n  - id: -anna\n    group: a/b\n");

        assertEquals(List.of(
                "links.yaml:2:11: slug must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or"
                        + " digit (got 'summer sale!')",
                "partners.yaml:2:9: id must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or"
                        + " digit (got '-anna')",
                "partners.yaml:3:12: group must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or"
                        + " digit (got 'a/b')"), config.errors());
    }

    // --- domains and server ---

    @Test
    void shouldRefuseMalformedHostsAndHostsUsedTwice() {
        config.write("domains.yaml", """
                domains:
                  - host: go.example.com
                    aliases: [localhost]
                  - host: Go.Example.com
                  - host: https://x.example.com
                  - host: x.example.com:8080
                  - host: other.example.com
                    aliases: [localhost, go.example.com]
                """);

        assertEquals(List.of(
                "domains.yaml:4:11: host must be lowercase (got 'Go.Example.com')",
                "domains.yaml:5:11: host must be a bare host name, without scheme (got 'https://x.example.com')",
                "domains.yaml:6:11: host must be a bare host name, without port (got 'x.example.com:8080')",
                "domains.yaml:8:15: alias 'localhost' is already configured at domains.yaml:3:15",
                "domains.yaml:8:26: alias 'go.example.com' is already configured at domains.yaml:2:11"),
                config.errors());
    }

    @Test
    void shouldRefuseASecondServerSection() {
        config.write("more/server.yaml", "server:\n  node_id: 1\n")
                .write("server.yaml", "# the main one\nserver:\n  node_id: 2\n");

        assertEquals(List.of("server.yaml:2:1: server is already configured at more/server.yaml:1:1 (only one file"
                + " may hold it)"), config.errors());
    }

    @Test
    void shouldRefuseADefaultDomainThatIsNotConfigured() {
        config.withDomain().write("server.yaml", "server:\n  default_domain: shop.example.com\n");

        assertEquals(List.of("server.yaml:2:19: default_domain 'shop.example.com' is not a configured domain"
                + " (configured: go.example.com)"), config.errors());
    }

    @Test
    void shouldRefuseADefaultDomainThatIsAnAlias() {
        config.write("domains.yaml", "domains:\n  - host: go.example.com\n    aliases: [localhost]\n")
                .write("server.yaml", "server:\n  default_domain: localhost\n");

        assertEquals(List.of("server.yaml:2:19: default_domain 'localhost' is an alias of go.example.com; use the host"),
                config.errors());
    }

    @Test
    void shouldRefuseAShortClickIdKeyWithoutShowingIt() {
        config.env(Map.of("KEY", "secret")).write("server.yaml", "server:\n  click_id_key: ${KEY}\n");

        assertEquals(List.of("server.yaml:2:17: click_id_key must be at least 16 characters (got 6)"), config.errors());
    }

    @Test
    void shouldRefuseBothAClickIdKeyAndAKeyFile() throws Exception {
        Files.writeString(dir.resolve("key"), "0123456789abcdef");
        config.write("server.yaml", "server:\n  click_id_key: 0123456789abcdef\n  click_id_key_file: key\n");

        assertEquals(List.of("server.yaml:3:22: give click_id_key or click_id_key_file, not both"), config.errors());
    }

    @Test
    void shouldRefuseAMissingOrShortKeyFile() throws Exception {
        Files.writeString(dir.resolve("short.key"), "abc\n");
        config.write("a.yaml", "server:\n  click_id_key_file: missing.key\n")
                .write("b.yaml", "server:\n  click_id_key_file: short.key\n");

        assertEquals(List.of(
                "a.yaml:2:22: click_id_key_file: cannot read 'missing.key': no such file",
                "b.yaml:1:1: server is already configured at a.yaml:1:1 (only one file may hold it)",
                "b.yaml:2:22: click_id_key_file: the key in 'short.key' must be at least 16 characters (got 3)"),
                config.errors());
    }

    // --- partners and links ---

    @Test
    void shouldRefuseADuplicatePartnerId() {
        config.write("partners.yaml", "partners:\n  - id: anna\n  - id: anna\n    name: Other Anna\n");

        assertEquals(List.of("partners.yaml:3:9: partner 'anna' is already defined at partners.yaml:2:9"),
                config.errors());
    }

    @Test
    void shouldRefuseADuplicateSlugInOneFile() {
        config.withDomain().write("links/a.yaml", """
                links:
                  - slug: summer-sale
                    destination: https://a.example.com/
                  - slug: summer-sale
                    id: other
                    destination: https://b.example.com/
                """);

        assertEquals(List.of("links/a.yaml:4:11: slug 'summer-sale' is already used on go.example.com at"
                + " links/a.yaml:2:11"), config.errors());
    }

    @Test
    void shouldRefuseADuplicateSlugAcrossFilesNamingTheFirst() {
        config.withDomain()
                .write("links/b.yaml", "links:\n  - slug: summer-sale\n    id: b\n    destination: https://b.example.com/\n")
                .write("links/a.yaml", "links:\n  - slug: summer-sale\n    destination: https://a.example.com/\n");

        assertEquals(List.of("links/b.yaml:2:11: slug 'summer-sale' is already used on go.example.com at"
                + " links/a.yaml:2:11"), config.errors());
    }

    @Test
    void shouldAllowTheSameSlugOnTwoDomainsOnlyWithDistinctIds() {
        config.write("domains.yaml", "domains:\n  - host: a.example.com\n  - host: b.example.com\n")
                .write("links.yaml", """
                        links:
                          - { slug: sale, domain: a.example.com, destination: "https://a.example.com/" }
                          - { slug: sale, domain: b.example.com, destination: "https://b.example.com/" }
                        """);

        assertEquals(List.of("links.yaml:3:13: link id 'sale' is already used at links.yaml:2:13 (the id defaults to"
                + " the slug; give this link an id)"), config.errors());
    }

    @Test
    void shouldRefuseADuplicateLinkId() {
        config.withDomain().write("links.yaml", """
                links:
                  - slug: a
                    id: campaign
                    destination: https://a.example.com/
                  - slug: b
                    id: campaign
                    destination: https://b.example.com/
                """);

        assertEquals(List.of("links.yaml:6:9: link id 'campaign' is already used at links.yaml:3:9"), config.errors());
    }

    @Test
    void shouldRefuseALinkOnAnUnknownDomainOrAnAlias() {
        config.write("domains.yaml", "domains:\n  - host: go.example.com\n    aliases: [localhost]\n")
                .write("links.yaml", """
                        links:
                          - slug: a
                            domain: shop.example.com
                            destination: https://a.example.com/
                          - slug: b
                            domain: localhost
                            destination: https://a.example.com/
                        """);

        assertEquals(List.of(
                "links.yaml:3:13: domain 'shop.example.com' is not a configured domain (configured: go.example.com)",
                "links.yaml:6:13: domain 'localhost' is an alias of go.example.com; use the host"), config.errors());
    }

    @Test
    void shouldRequireALinkDomainWhenSeveralAreConfigured() {
        config.write("domains.yaml", "domains:\n  - host: a.example.com\n  - host: b.example.com\n")
                .write("links.yaml", "links:\n  - slug: a\n    destination: https://a.example.com/\n");

        assertEquals(List.of("links.yaml:2:5: missing required key 'domain' in link (there are several domains)"),
                config.errors());
    }

    @Test
    void shouldRefuseUnknownPartnersAndGroupsInAPrivateLink() {
        config.withDomain()
                .write("partners.yaml", "partners:\n  - id: anna\n    group: influencers\n")
                .write("links.yaml", """
                        links:
                          - slug: a
                            destination: https://a.example.com/
                            access: private
                            partners: [anna, zed]
                            partner_groups: [influencers, vip]
                        """);

        assertEquals(List.of(
                "links.yaml:5:22: unknown partner 'zed'",
                "links.yaml:6:35: unknown partner group 'vip' (no partner has it)"), config.errors());
    }

    @Test
    void shouldRefuseAPrivateLinkWithoutPartners() {
        config.withDomain().write("links.yaml", """
                links:
                  - slug: a
                    destination: https://a.example.com/
                    access: private
                    partners: []
                """);

        assertEquals(List.of("links.yaml:4:13: private link needs partners or partner_groups"), config.errors());
    }

    @Test
    void shouldRefusePartnersOnAPublicLink() {
        config.withDomain()
                .write("partners.yaml", "partners:\n  - id: anna\n    group: influencers\n")
                .write("links.yaml", """
                        links:
                          - slug: a
                            destination: https://a.example.com/
                            partners: [anna]
                            partner_groups: [influencers]
                        """);

        assertEquals(List.of(
                "links.yaml:4:15: partners: only for access: private",
                "links.yaml:5:21: partner_groups: only for access: private"), config.errors());
    }

    @Test
    void shouldRefuseAnUnknownAccess() {
        config.withDomain().write("links.yaml", "links:\n  - slug: a\n    destination: https://a.example.com/\n"
                + "    access: secret\n");

        assertEquals(List.of("links.yaml:4:13: access must be public or private (got 'secret')"), config.errors());
    }

    @Test
    void shouldRefuseARedirectStatusThatIsNotARedirect() {
        config.withDomain().write("links/a.yaml", "links:\n  - slug: a\n    destination: https://a.example.com/\n"
                + "    redirect: 303\n");

        assertEquals(List.of("links/a.yaml:4:15: redirect must be one of 301, 302, 307, 308 (got 303)"),
                config.errors());
    }

    @Test
    void shouldRefuseAnUnknownRejection() {
        config.withDomain().write("links.yaml", """
                links:
                  - slug: a
                    destination: https://a.example.com/
                    reject: notfound
                  - slug: b
                    destination: https://a.example.com/
                    reject: ftp://files.example.com/
                """);

        assertEquals(List.of(
                "links.yaml:4:13: reject must be destination, not_found, forbidden or an http(s) URL (got 'notfound')",
                "links.yaml:7:13: reject must be an absolute http:// or https:// URL (got 'ftp://files.example.com/')"),
                config.errors());
    }

    @Test
    void shouldRefuseUnknownUtmKeysAndEmptyValues() {
        config.withDomain().write("links.yaml", """
                links:
                  - slug: a
                    destination: https://a.example.com/
                    utm: { source: a, utm_medium: b }
                  - slug: b
                    destination: https://a.example.com/
                    utm: { source: "" }
                """);

        assertEquals(List.of(
                "links.yaml:4:23: unknown key 'utm_medium' in utm (allowed: source, medium, campaign, term, content,"
                        + " id, source_platform, creative_format, marketing_tactic)",
                "links.yaml:7:20: utm.source must not be empty"), config.errors());
    }

    // --- URLs ---

    static Stream<Arguments> badDestinations() {
        String notHttp = "destination must be an absolute http:// or https:// URL (got ";
        return Stream.of(
                Arguments.of("javascript:alert(1)", notHttp + "'javascript:alert(1)')"),
                Arguments.of("ftp://files.example.com/x", notHttp + "'ftp://files.example.com/x')"),
                Arguments.of("//evil.com/path", notHttp + "'//evil.com/path')"),
                Arguments.of("/relative", notHttp + "'/relative')"),
                Arguments.of("https:evil.com", notHttp + "'https:evil.com')"),
                Arguments.of("'{url}'", notHttp + "'{url}')"),
                Arguments.of("https://user@evil.com/", "destination must not contain user info ('@' before the host)"),
                Arguments.of("https://shop.example.com@evil.com/",
                        "destination must not contain user info ('@' before the host)"),
                Arguments.of("\"https://a.example.com/\\r\\nSet-Cookie: x=1\"",
                        "destination contains a control character (U+000D)"),
                Arguments.of("\"https://a.example.com/\\nx\"", "destination contains a control character (U+000A)"),
                Arguments.of("\"https://a.example.com/\\0\"", "destination contains a control character (U+0000)"),
                Arguments.of("\"https://a.example.com/\\L\"", "destination contains a control character (U+2028)"),
                Arguments.of("\"https://a.example.com/\\N\"", "destination contains a control character (U+0085)"),
                Arguments.of("\"https://a.example.com/a b\"", "destination contains whitespace"),
                Arguments.of("'https://a.example.com\\evil.com/'", "destination contains a backslash"),
                Arguments.of("https://{host}.com/", "destination: the host cannot contain a macro"),
                Arguments.of("https://shop.example.com:{port}/", "destination: the host cannot contain a macro"),
                Arguments.of("https://shop.example.com/?ref={partner",
                        "destination has an unclosed '{' at character 31"),
                Arguments.of("https://shop.example.com/}", "destination has a '}' without a matching '{' at character 26"),
                Arguments.of("https:///path", "destination has no host"),
                Arguments.of("https://shop.example.com/%zz", "destination is not a valid URL: Malformed escape pair"),
                Arguments.of("https://shop_1.example.com/", "destination has an invalid host 'shop_1.example.com'"));
    }

    @ParameterizedTest
    @MethodSource("badDestinations")
    void shouldRefuseADestinationThatIsNotASafeHttpUrl(String yamlScalar, String message) {
        config.withDomain().write("links.yaml", "links:\n  - slug: a\n    destination: " + yamlScalar + "\n");

        assertEquals(List.of("links.yaml:3:18: " + message), config.errors());
    }

    @Test
    void shouldCheckEveryUrlValuedKey() {
        config.write("domains.yaml", "domains:\n  - host: go.example.com\n    not_found: /404\n")
                .write("links.yaml", "links:\n  - slug: a\n    destination: https://a.example.com/\n"
                        + "    fallback: javascript:void(0)\n");

        assertEquals(List.of(
                "domains.yaml:3:16: not_found must be an absolute http:// or https:// URL (got '/404')",
                "links.yaml:4:15: fallback must be an absolute http:// or https:// URL (got 'javascript:void(0)')"),
                config.errors());
    }

    // --- environment ---

    @Test
    void shouldRefuseAnUnsetVariableWithoutDefault() {
        config.withDomain().write("links.yaml", "links:\n  - slug: a\n    destination: https://${SHOP_HOST}/\n");

        assertEquals(List.of("links.yaml:3:18: environment variable SHOP_HOST is not set"), config.errors());
    }

    @Test
    void shouldRefuseAMalformedVariableReference() {
        config.withDomain().write("links.yaml", "links:\n  - slug: a\n    destination: https://${SHOP HOST}/\n"
                + "    name: ${UNCLOSED\n");

        assertEquals(List.of(
                "links.yaml:3:18: invalid variable name 'SHOP HOST' in ${...} (write $${ for a literal ${)",
                "links.yaml:4:11: unclosed ${ (write $${ for a literal ${)"), config.errors());
    }

    // --- many errors ---

    @Test
    void shouldReportEveryErrorOfEveryFileInFileOrder() {
        config.withDomain()
                .write("z.yaml", "partners:\n  - id: anna\n    nmae: Anna\n")
                .write("a.yaml", "links:\n  - slug: a\n    destination: ftp://x.example.com/\n    redirect: 200\n")
                .write("b/c.yaml", "links:\n  - slug: a\n    id: c\n    destination: https://c.example.com/\n")
                .write("b/broken.yaml", "links: [\n");

        assertEquals(List.of(
                "a.yaml:3:18: destination must be an absolute http:// or https:// URL (got 'ftp://x.example.com/')",
                "a.yaml:4:15: redirect must be one of 301, 302, 307, 308 (got 200)",
                "b/broken.yaml:2:1: expected a value, but found the end of the file",
                "b/c.yaml:2:11: slug 'a' is already used on go.example.com at a.yaml:2:11",
                "z.yaml:3:5: unknown key 'nmae' in partner (allowed: id, name, group, utm)"), config.errors());
    }

    // --- the directory ---

    @Test
    void shouldRefuseADirectoryWithoutYamlFiles() {
        config.write("notes.txt", "links: []\n");

        assertEquals(List.of(dir + ":1:1: no *.yaml or *.yml files in the config directory"), config.errors());
    }

    @Test
    void shouldRefuseAMissingDirectory() {
        ConfigDir missing = new ConfigDir(dir.resolve("nope"));

        assertEquals(List.of(dir.resolve("nope") + ":1:1: config directory does not exist"), missing.errors());
    }
}

package io.smartlinkd.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.clickid.ClickId;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.clickid.ClickIdVerifier;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The click contract against a real server on 127.0.0.1 with one shared config. */
@Timeout(60)
class ServerIT {
    static final String SERVER = """
            server:
              node_id: 7
              health_on_public: true
              limits:
                max_request_line_bytes: 512
                max_header_bytes: 2048
                header_timeout: 500ms
                idle_timeout: 2s
              drain: 0s
            """;
    static final String DOMAINS = """
            domains:
              - host: go.example.com
                aliases: [localhost]
                not_found: https://shop.example.com/?from=unknown
              - host: ref.example.org
            """;
    static final String PARTNERS = """
            partners:
              - id: anna
                group: influencers
                utm: { source: anna-k, content: reel }
              - id: ben
                group: influencers
              - id: carl
                group: affiliates
            """;
    static final String LINKS = """
            links:
              - slug: summer-sale
                domain: go.example.com
                destination: https://shop.example.com/c/summer?ref={partner}&cid={click_id}
                utm: { source: "{partner}", medium: influencer, campaign: summer }
                access: private
                partners: [anna]
                partner_groups: [affiliates]
              - slug: open
                domain: go.example.com
                destination: https://shop.example.com/open?s1={sub1}&g={gclid}#top
                utm: { medium: referral }
              - slug: moved
                domain: go.example.com
                destination: https://shop.example.com/new
                redirect: 301
              - slug: temp
                domain: go.example.com
                destination: https://shop.example.com/temp
                redirect: 307
              - slug: paused
                domain: go.example.com
                destination: https://shop.example.com/paused
                active: false
                fallback: https://shop.example.com/?paused=1
              - slug: off
                domain: go.example.com
                destination: https://shop.example.com/off
                active: false
              - slug: vip
                domain: go.example.com
                destination: https://shop.example.com/vip
                access: private
                partners: [anna]
                reject: forbidden
              - slug: vip2
                domain: go.example.com
                destination: https://shop.example.com/vip2
                access: private
                partners: [anna]
                reject: https://shop.example.com/sorry
              - slug: vip3
                domain: go.example.com
                destination: https://shop.example.com/vip3
                access: private
                partners: [anna]
                reject: not_found
              - slug: join
                id: ref-join
                domain: ref.example.org
                destination: https://shop.example.com/join?via={partner}
            """;

    @TempDir
    static Path root;
    static TestServer server;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(root, "server.yaml", SERVER, "domains.yaml", DOMAINS, "partners.yaml", PARTNERS,
                "links/main.yaml", LINKS);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void shouldRedirectAnAdmittedPartnerWithMacrosUtmAndAVerifiableClickId() throws Exception {
        HttpResponse<String> response = server.get("go.example.com", "/summer-sale/anna");
        assertEquals(302, response.statusCode());
        String location = response.headers().firstValue("Location").orElseThrow();
        assertTrue(location.startsWith("https://shop.example.com/c/summer?ref=anna&cid="), location);
        assertTrue(location.endsWith("&utm_source=anna&utm_medium=influencer&utm_campaign=summer&utm_content=reel"),
                location);
        assertEquals("private, no-store", response.headers().firstValue("Cache-Control").orElseThrow());
        assertEquals("0", response.headers().firstValue("Content-Length").orElseThrow());

        String clickId = location.substring(location.indexOf("cid=") + 4, location.indexOf('&', location.indexOf("cid=")));
        ClickIdKey key = ClickIdKey.loadOrCreate(server.dataDir.resolve("click-id.key"));
        ClickId id = new ClickIdVerifier(key).verify(clickId);
        assertNotNull(id, clickId);
        assertEquals(7, id.nodeId());
        assertTrue(Math.abs(System.currentTimeMillis() - id.epochMs()) < 60_000);
        assertEquals(10, server.server.linkSet().links().size());
        String forged = clickId.substring(0, 10) + (clickId.charAt(10) == 'A' ? 'B' : 'A') + clickId.substring(11);
        assertNull(new ClickIdVerifier(key).verify(forged));
    }

    @Test
    void shouldGiveEveryClickItsOwnClickId() throws Exception {
        String first = server.location("go.example.com", "/summer-sale/anna");
        String second = server.location("go.example.com", "/summer-sale/anna");
        assertTrue(!first.equals(second));
    }

    @Test
    void shouldAdmitPartnersByGroup() throws Exception {
        String location = server.location("go.example.com", "/summer-sale/carl");
        assertTrue(location.startsWith("https://shop.example.com/c/summer?ref=carl&"), location);
    }

    @Test
    void shouldRejectPartnersWithoutAccessByTheLinksRejectionBehaviour() throws Exception {
        // default: destination without attribution
        String location = server.location("go.example.com", "/summer-sale/ben");
        assertTrue(location.startsWith("https://shop.example.com/c/summer?ref=&cid="), location);
        assertEquals(403, server.get("go.example.com", "/vip/ben").statusCode());
        assertEquals(403, server.get("go.example.com", "/vip").statusCode());
        assertEquals(403, server.get("go.example.com", "/vip/nobody").statusCode());
        assertEquals("https://shop.example.com/sorry", server.location("go.example.com", "/vip2/ben"));
        assertEquals("https://shop.example.com/?from=unknown", server.location("go.example.com", "/vip3/ben"));
        assertEquals("https://shop.example.com/vip?utm_source=anna-k&utm_content=reel",
                server.location("go.example.com", "/vip/anna"));
    }

    @Test
    void shouldPassQueryParametersToMacrosEncoded() throws Exception {
        String location = server.location("go.example.com", "/open?sub1=a%20b%0D%0AX:y&gclid=G-1&other=1");
        assertEquals("https://shop.example.com/open?s1=a%20b%0D%0AX%3Ay&g=G-1&utm_medium=referral#top", location);
    }

    @Test
    void shouldApplyPartnerUtmOnPublicLinks() throws Exception {
        String location = server.location("go.example.com", "/open/anna");
        assertEquals("https://shop.example.com/open?s1=&g=&utm_medium=referral&utm_source=anna-k&utm_content=reel#top",
                location);
    }

    @Test
    void shouldUseTheConfiguredRedirectStatus() throws Exception {
        assertEquals(301, server.get("go.example.com", "/moved").statusCode());
        assertEquals(307, server.get("go.example.com", "/temp").statusCode());
        assertEquals(302, server.get("go.example.com", "/open").statusCode());
    }

    @Test
    void shouldSendInactiveLinksToTheirFallbackOrNotFound() throws Exception {
        assertEquals("https://shop.example.com/?paused=1", server.location("go.example.com", "/paused"));
        assertEquals("https://shop.example.com/?from=unknown", server.location("go.example.com", "/off"));
    }

    @Test
    void shouldAnswerUnknownSlugsWithTheDomainsNotFoundUrlOr404() throws Exception {
        assertEquals("https://shop.example.com/?from=unknown", server.location("go.example.com", "/nope"));
        HttpResponse<String> plain = server.get("ref.example.org", "/nope");
        assertEquals(404, plain.statusCode());
        assertEquals("not found\n", plain.body());
        assertEquals(404, server.get("unknown.example.net", "/open").statusCode());
        assertEquals(404, server.get("ref.example.org", "/summer-sale/anna").statusCode());
        assertEquals(302, server.get("ref.example.org", "/join/anna").statusCode());
    }

    @Test
    void shouldTreatOddPathsAsNotFound() throws Exception {
        for (String path : new String[] {"/", "/open/anna/extra", "/%6Fpen", "/open%2Fanna", "/..", "/op en"}) {
            try (RawHttp raw = new RawHttp(server.server.publicPort())) {
                String response = raw.send("GET " + path + " HTTP/1.1\r\nHost: ref.example.org\r\n\r\n").readResponse();
                int status = RawHttp.status(response);
                assertTrue(status == 404 || status == 400, path + " -> " + response);
            }
        }
    }

    @Test
    void shouldMatchHostsCaseInsensitivelyWithPortsAndAliases() throws Exception {
        assertEquals(302, server.get("GO.EXAMPLE.COM:8080", "/open").statusCode());
        assertEquals(302, server.get("localhost", "/open").statusCode());
    }

    @Test
    void shouldAnswerHeadLikeGetWithoutBody() throws Exception {
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            String response = raw.send("HEAD /moved HTTP/1.1\r\nHost: go.example.com\r\n\r\n").readResponse(true);
            assertEquals(301, RawHttp.status(response));
            assertEquals("https://shop.example.com/new", RawHttp.header(response, "Location"));
            String notFound = raw.send("HEAD /nope HTTP/1.1\r\nHost: ref.example.org\r\n\r\n").readResponse(true);
            assertEquals(404, RawHttp.status(notFound));
            // the next response follows directly: HEAD sent no body
            String next = raw.send("GET /moved HTTP/1.1\r\nHost: go.example.com\r\n\r\n").readResponse();
            assertEquals(301, RawHttp.status(next));
        }
    }

    @Test
    void shouldKeepConnectionsAliveAndAnswerPipelinedRequestsInOrder() throws Exception {
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            raw.send("GET /moved HTTP/1.1\r\nHost: go.example.com\r\n\r\n"
                    + "GET /temp HTTP/1.1\r\nHost: go.example.com\r\n\r\n"
                    + "GET /nope HTTP/1.1\r\nHost: ref.example.org\r\n\r\n");
            assertEquals(301, RawHttp.status(raw.readResponse()));
            assertEquals(307, RawHttp.status(raw.readResponse()));
            assertEquals(404, RawHttp.status(raw.readResponse()));
            for (int i = 0; i < 100; i++) {
                String response = raw.send("GET /open HTTP/1.1\r\nHost: go.example.com\r\n\r\n").readResponse();
                assertEquals(302, RawHttp.status(response));
                assertNull(RawHttp.header(response, "Connection"));
            }
        }
    }

    @Test
    void shouldCloseWhenTheClientAsksOrSpeaksHttp10() throws Exception {
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            String response = raw.send("GET /open HTTP/1.1\r\nHost: go.example.com\r\nConnection: close\r\n\r\n")
                    .readResponse();
            assertEquals("close", RawHttp.header(response, "Connection"));
            assertTrue(raw.closedByServer());
        }
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            raw.send("GET /open HTTP/1.0\r\nHost: go.example.com\r\n\r\n").readResponse();
            assertTrue(raw.closedByServer());
        }
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            String response = raw.send("GET /open HTTP/1.0\r\nHost: go.example.com\r\nConnection: keep-alive\r\n\r\n")
                    .readResponse();
            assertEquals("keep-alive", RawHttp.header(response, "Connection"));
            assertEquals(302, RawHttp.status(raw.send("GET /open HTTP/1.0\r\nHost: go.example.com\r\n"
                    + "Connection: keep-alive\r\n\r\n").readResponse()));
        }
    }

    @Test
    void shouldAnswer414ForLongRequestLinesAndClose() throws Exception {
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            String response = raw.send("GET /open?x=" + "a".repeat(600) + " HTTP/1.1\r\nHost: go.example.com\r\n\r\n")
                    .readResponse();
            assertEquals(414, RawHttp.status(response));
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void shouldAnswer431ForOversizedHeadersAndClose() throws Exception {
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            String response = raw.send("GET /open HTTP/1.1\r\nHost: go.example.com\r\nX-Big: " + "b".repeat(3000)
                    + "\r\n\r\n").readResponse();
            assertEquals(431, RawHttp.status(response));
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void shouldRefuseBodiesAndOtherMethodsAndMalformedRequests() throws Exception {
        String[][] cases = {
            {"GET /open HTTP/1.1\r\nHost: go.example.com\r\nContent-Length: 5\r\n\r\nhello", "400"},
            {"GET /open HTTP/1.1\r\nHost: go.example.com\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "400"},
            {"POST /open HTTP/1.1\r\nHost: go.example.com\r\nContent-Length: 0\r\n\r\n", "405"},
            {"GARBAGE\r\n\r\n", "400"},
            {"GET /open HTTP/1.1\r\nHost: go.example.com\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n", "400"},
            {"GET /open HTTP/1.1\r\nHost: go.example.com\r\nBad Header: x\r\n\r\n", "400"},
        };
        for (String[] c : cases) {
            try (RawHttp raw = new RawHttp(server.server.publicPort())) {
                String response = raw.send(c[0]).readResponse();
                assertEquals(Integer.parseInt(c[1]), RawHttp.status(response), c[0] + " -> " + response);
                assertTrue(raw.closedByServer(), c[0]);
            }
        }
    }

    @Test
    void shouldKeepServingValidRequestsOnOtherConnectionsWhileBadOnesAreCut() throws Exception {
        int failures = 0;
        try (RawHttp good = new RawHttp(server.server.publicPort())) {
            for (int i = 0; i < 50; i++) {
                try (RawHttp bad = new RawHttp(server.server.publicPort())) {
                    bad.send("GET /" + "x".repeat(1000) + " HTTP/1.1\r\n\r\n");
                }
                String response = good.send("GET /open HTTP/1.1\r\nHost: go.example.com\r\n\r\n").readResponse();
                failures += RawHttp.status(response) == 302 ? 0 : 1;
            }
        }
        assertEquals(0, failures);
    }

    @Test
    void shouldCutClientsWhoseHeadersArriveTooSlowly() throws Exception {
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            raw.timeout(5_000);
            long start = System.nanoTime();
            raw.send("GET /open HTTP/1.1\r\nHost: go.exa");
            String response = raw.readResponse();
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertEquals(408, RawHttp.status(response));
            assertTrue(raw.closedByServer());
            assertTrue(elapsedMs >= 400 && elapsedMs < 3_000, "cut after " + elapsedMs + " ms");
        }
    }

    @Test
    void shouldCloseIdleKeepAliveConnections() throws Exception {
        try (RawHttp raw = new RawHttp(server.server.publicPort())) {
            raw.timeout(6_000);
            assertEquals(302, RawHttp.status(raw.send("GET /open HTTP/1.1\r\nHost: go.example.com\r\n\r\n")
                    .readResponse()));
            long start = System.nanoTime();
            assertTrue(raw.closedByServer());
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;
            assertTrue(elapsedMs >= 1_500, "closed after " + elapsedMs + " ms");
        }
    }

    @Test
    void shouldAnswerHealthAndReadinessOnBothListeners() throws Exception {
        assertEquals(200, server.adminGet("/healthz").statusCode());
        assertEquals("ready\n", server.adminGet("/readyz").body());
        assertEquals(200, server.get("go.example.com", "/healthz").statusCode());
        assertEquals(200, server.get("go.example.com", "/readyz").statusCode());
        String metrics = server.adminGet("/metrics").body();
        assertTrue(metrics.contains("smartlinkd_clicks_total{outcome=\"redirected\"}"), metrics);
        assertTrue(metrics.contains("smartlinkd_links 10"), metrics);
    }
}

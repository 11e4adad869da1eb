package io.smartlinkd.loadgen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The requests as written, parsed back: per-request draws, returning visitors, shares, the size bound. */
class RequestMixTest {
    private static final int REQUESTS = 20_000;
    private static final List<String> AGENTS = List.of("ua-chrome", "ua-safari", "ua-firefox", "ua-edge");

    @Test
    @Timeout(10)
    void shouldDrawANewAddressAndSubIdForEveryRequest() {
        List<Map<String, String>> requests = draw(mix(0, 0, 0, 0));
        Set<String> addresses = new HashSet<>();
        Set<String> subIds = new HashSet<>();
        for (Map<String, String> r : requests) {
            addresses.add(r.get("X-Forwarded-For"));
            subIds.add(r.get("sub1"));
            assertPublic(r.get("X-Forwarded-For"));
        }
        assertTrue(addresses.size() >= REQUESTS - 5, "almost all addresses distinct: " + addresses.size());
        assertEquals(REQUESTS, subIds.size(), "every sub id distinct");
    }

    @Test
    @Timeout(10)
    void shouldSendOnlyThePopulationWhenVisitorsReturn() {
        List<Map<String, String>> requests = draw(mix(100, 0, 0, 0));
        Map<String, String> browserOf = new HashMap<>();
        Set<String> subIds = new HashSet<>();
        for (Map<String, String> r : requests) {
            String browser = r.get("User-Agent") + " | " + r.get("Accept-Language");
            String previous = browserOf.putIfAbsent(r.get("X-Forwarded-For"), browser);
            if (previous != null) {
                assertEquals(previous, browser, "a returning visitor keeps its user agent and language");
            }
            subIds.add(r.get("sub1"));
        }
        assertTrue(browserOf.size() <= 100 && browserOf.size() >= 95, "population addresses: " + browserOf.size());
        assertEquals(REQUESTS, subIds.size(), "sub ids are still drawn per request");
    }

    @Test
    @Timeout(10)
    void shouldDrawBotPrefetchAndPartnerSharesPerRequest() {
        List<Map<String, String>> requests = draw(mix(100, 0.2, 0.1, 0.3));
        int bots = 0;
        int prefetches = 0;
        int partners = 0;
        Map<String, Set<String>> agentsOf = new HashMap<>();
        for (Map<String, String> r : requests) {
            if (List.of(RequestMix.CRAWLERS).contains(r.get("User-Agent"))) {
                bots++;
            } else {
                assertTrue(AGENTS.contains(r.get("User-Agent")), r.get("User-Agent"));
            }
            agentsOf.computeIfAbsent(r.get("X-Forwarded-For"), a -> new HashSet<>()).add(r.get("User-Agent"));
            if ("prefetch".equals(r.get("Sec-Purpose"))) {
                prefetches++;
            }
            if (r.get("path").matches("/go/s\\d+/(anna|ben)")) {
                partners++;
            } else {
                assertTrue(r.get("path").matches("/go/s\\d+"), r.get("path"));
            }
        }
        assertEquals(0.2, bots / (double) REQUESTS, 0.015, "bot share");
        assertEquals(0.1, prefetches / (double) REQUESTS, 0.015, "prefetch share");
        assertEquals(0.3, partners / (double) REQUESTS, 0.015, "partner share");
        assertTrue(agentsOf.values().stream().anyMatch(agents -> agents.size() > 1),
            "the bot draw is per request: a returning visitor is sometimes a crawler, sometimes its own browser");
    }

    @Test
    @Timeout(10)
    void shouldDrawSlugsByZipfRankAndReturnTheRank() {
        RequestMix mix = mix(0, 0, 0, 0);
        SplittableRandom random = new SplittableRandom(7);
        Request request = new Request(mix.maxRequestBytes());
        int[] hits = new int[mix.slugCount()];
        for (int i = 0; i < REQUESTS; i++) {
            mix.draw(random, request);
            assertEquals("/go/s" + request.slugRank, parse(request).get("path"), "the rank is the slug written");
            hits[request.slugRank]++;
        }
        assertEquals(new ZipfSampler(50, 1.0).probability(0), hits[0] / (double) REQUESTS, 0.015, "top slug share");
    }

    @Test
    @Timeout(10)
    void shouldPromiseTheExactLengthOfTheLongestRequest() {
        // Every optional part on and one choice each, so that the longest request (the longest crawler, a 15-char
        // address) turns up often: the bound must be reached and never passed (the request's array cannot grow).
        RequestMix mix = new RequestMix(new RequestMix.Spec("/go", "go.example.com", List.of("only"), 1.0, AGENTS,
            new double[] {1, 1, 1, 1}, List.of("de-DE"), true, 1.0, 1.0, List.of("anna"), 1.0, true, true, 0, 3));
        SplittableRandom random = new SplittableRandom(5);
        Request request = new Request(mix.maxRequestBytes());
        int longest = 0;
        for (int i = 0; i < REQUESTS; i++) {
            mix.draw(random, request);
            longest = Math.max(longest, request.length);
            assertEquals("close", parse(request).get("Connection"));
        }
        assertEquals(mix.maxRequestBytes(), longest);
    }

    private static RequestMix mix(int visitors, double bots, double prefetch, double partnerShare) {
        List<String> slugs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            slugs.add("s" + i);
        }
        return new RequestMix(new RequestMix.Spec("/go", "go.example.com", slugs, 1.0, AGENTS,
            new double[] {5, 3, 1, 1}, List.of("de-DE,de;q=0.9", "fr-FR"), true, bots, prefetch,
            List.of("anna", "ben"), partnerShare, true, false, visitors, 3));
    }

    /** Draws the requests into one {@link Request} of the promised capacity, as a lane does, and parses each. */
    private static List<Map<String, String>> draw(RequestMix mix) {
        SplittableRandom random = new SplittableRandom(11);
        Request request = new Request(mix.maxRequestBytes());
        List<Map<String, String>> requests = new ArrayList<>(REQUESTS);
        for (int i = 0; i < REQUESTS; i++) {
            mix.draw(random, request);
            requests.add(parse(request));
        }
        return requests;
    }

    /** The request line's path and sub1, and the headers; fails on anything but one well-formed GET. */
    private static Map<String, String> parse(Request request) {
        String text = request.toString();
        assertTrue(text.endsWith("\r\n\r\n"), text);
        String[] lines = text.substring(0, text.length() - 4).split("\r\n");
        String[] requestLine = lines[0].split(" ");
        assertEquals(3, requestLine.length, lines[0]);
        assertEquals("GET", requestLine[0]);
        assertEquals("HTTP/1.1", requestLine[2]);
        Map<String, String> fields = new LinkedHashMap<>();
        String target = requestLine[1];
        int query = target.indexOf("?sub1=");
        fields.put("path", query < 0 ? target : target.substring(0, query));
        if (query >= 0) {
            fields.put("sub1", target.substring(query + 6));
        }
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(": ");
            assertTrue(colon > 0, lines[i]);
            assertFalse(fields.containsKey(lines[i].substring(0, colon)), "header twice: " + text);
            fields.put(lines[i].substring(0, colon), lines[i].substring(colon + 2));
        }
        assertEquals("go.example.com", fields.get("Host"));
        return fields;
    }

    private static void assertPublic(String address) {
        String[] parts = address.split("\\.");
        assertEquals(4, parts.length, address);
        int a = Integer.parseInt(parts[0]);
        int b = Integer.parseInt(parts[1]);
        for (String part : parts) {
            int octet = Integer.parseInt(part);
            assertTrue(octet >= 0 && octet <= 255 && String.valueOf(octet).equals(part), address);
        }
        assertFalse(a == 0 || a == 10 || a == 127 || a >= 224 || (a == 192 && b == 168) || (a == 172 && b >= 16
            && b < 32) || (a == 169 && b == 254) || (a == 100 && b >= 64 && b < 128), "not public: " + address);
    }
}

package io.smartlinkd.visitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.smartlinkd.clickid.ClickIdKey;
import io.smartlinkd.config.VisitorConfig;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.net.IpAddresses;
import io.smartlinkd.text.ByteChars;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VisitorTest {
    private static final ClickIdKey KEY = ClickIdKey.fromSecret("visitor-test-secret-0123456789");
    private static final long NOW = 1_760_000_000_000L;
    private static final String UA = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X)";

    private final VisitorTracking tracking = new VisitorTracking(VisitorConfig.DEFAULTS, KEY, NOW);
    private final Visitor visitor = tracking.newVisitor();

    private static ClientIp client(String address) {
        ClientIp client = new ClientIp(CidrSet.EMPTY);
        byte[] ip = new byte[16];
        client.start(ip, IpAddresses.parse(address, ip));
        return client;
    }

    /** One countable click on link 1; returns the Set-Cookie line or null. */
    private String click(String cookieHeader, String address) {
        visitor.begin(cookieHeader, UA, client(address), true);
        visitor.link(1, NOW);
        return setCookie(visitor);
    }

    private static String setCookie(Visitor visitor) {
        ByteBuf out = Unpooled.buffer();
        try {
            visitor.writeSetCookie(out);
            return out.readableBytes() == 0 ? null : out.toString(StandardCharsets.US_ASCII);
        } finally {
            out.release();
        }
    }

    private static String value(String setCookie) {
        return setCookie.substring("Set-Cookie: slv=".length(), "Set-Cookie: slv=".length() + 28);
    }

    @Test
    void shouldIssueASignedCookieWithTheDocumentedAttributes() {
        String line = click(null, "198.51.100.1");
        assertTrue(line.matches("Set-Cookie: slv=[A-Za-z0-9_-]{28}; Path=/; Max-Age=31536000; HttpOnly; "
                + "SameSite=Lax\r\n"), line);
        assertEquals(1, visitor.visitCount());
        assertFalse(visitor.returning());
    }

    @Test
    void shouldCountVisitsAcrossClicksAndKeepTheId() {
        String first = value(click(null, "198.51.100.1"));
        byte[] id = visitor.id().clone();
        String second = value(click("other=1; slv=" + first + "; more=2", "198.51.100.1"));
        assertEquals(2, visitor.visitCount());
        assertTrue(visitor.returning());
        assertArrayEquals(id, visitor.id());
        click("slv=" + second, "203.0.113.5");
        assertEquals(3, visitor.visitCount());
        assertArrayEquals(id, visitor.id(), "the id follows the cookie, not the address");
    }

    @Test
    void shouldIgnoreAForgedCookieAndIssueANewVisitor() {
        String value = value(click(null, "198.51.100.1"));
        byte[] id = visitor.id().clone();
        char last = value.charAt(27);
        String forged = value.substring(0, 27) + (last == 'A' ? 'B' : 'A');
        click("slv=" + forged, "198.51.100.1");
        assertFalse(visitor.returning());
        assertEquals(1, visitor.visitCount());
        assertNotEquals(java.util.HexFormat.of().formatHex(id), java.util.HexFormat.of().formatHex(visitor.id()));
    }

    @Test
    void shouldFindOurCookieAmongOthersQuotedOrRepeated() {
        String value = value(click(null, "198.51.100.1"));
        for (String header : new String[] {"slv=" + value, " slv = " + value + " ", "a=b;slv=" + value,
                "slv=\"" + value + "\"", "slv=garbage; slv=" + value, "xslv=1; slv=" + value + ";",
                "slvx=" + value + "; slv=" + value}) {
            visitor.begin(header, UA, client("198.51.100.1"), true);
            assertTrue(visitor.returning(), header);
        }
        for (String header : new String[] {"", ";", "slv", "slv=", "SLV=" + value, "xslv=" + value, "=" + value,
                "slv=" + value + "x"}) {
            visitor.begin(header, UA, client("198.51.100.1"), true);
            assertFalse(visitor.returning(), header);
        }
    }

    @Test
    void shouldCountTheFirstClickUniqueAndTheNextWithTheNewCookieAsARepeat() {
        String value = value(click(null, "198.51.100.1"));
        assertTrue(visitor.unique());
        click("slv=" + value, "198.51.100.1");
        assertFalse(visitor.unique(), "the id issued with the first click was entered too");
        visitor.begin("slv=" + value, UA, client("198.51.100.1"), true);
        visitor.link(2, NOW);
        assertTrue(visitor.unique(), "another link");
    }

    @Test
    void shouldKeyCookielessVisitorsByAddressAndUserAgent() {
        click(null, "198.51.100.1");
        assertTrue(visitor.unique());
        click(null, "198.51.100.1");
        assertFalse(visitor.unique(), "cookies refused: same address and agent");
        click(null, "198.51.100.2");
        assertTrue(visitor.unique(), "another address");
        visitor.begin(null, UA + " other", client("198.51.100.1"), true);
        visitor.link(1, NOW);
        assertTrue(visitor.unique(), "another agent");
    }

    @Test
    void shouldNeitherCountNorSetACookieForRequestsThatMustNotCount() {
        visitor.begin(null, UA, client("198.51.100.9"), false);
        visitor.link(1, NOW);
        assertFalse(visitor.unique());
        assertFalse(visitor.setsCookie());
        assertEquals(null, setCookie(visitor));
        assertEquals(1, visitor.visitCount());
        click(null, "198.51.100.9");
        assertTrue(visitor.unique(), "the prefetch did not use up the unique click");
    }

    @Test
    void shouldSetNoCookieBeforeALinkIsFound() {
        visitor.begin(null, UA, client("198.51.100.1"), true);
        assertFalse(visitor.setsCookie());
        assertEquals(null, setCookie(visitor));
    }

    @Test
    void shouldHonourCookieSettings() {
        VisitorConfig config = new VisitorConfig(true, "__Host-v", 3_600_000, true, 3_600_000, 1024);
        Visitor custom = new VisitorTracking(config, KEY, NOW).newVisitor();
        custom.begin(null, UA, client("198.51.100.1"), true);
        custom.link(1, NOW);
        assertTrue(setCookie(custom).matches("Set-Cookie: __Host-v=[A-Za-z0-9_-]{28}; Path=/; Max-Age=3600; "
                + "HttpOnly; SameSite=Lax; Secure\r\n"));

        Visitor off = new VisitorTracking(new VisitorConfig(false, "slv", 3_600_000, false, 3_600_000, 1024), KEY,
                NOW).newVisitor();
        String value = value(click(null, "198.51.100.1"));
        off.begin("slv=" + value, UA, client("198.51.100.1"), true);
        off.link(1, NOW);
        assertFalse(off.returning(), "cookies off: not even read");
        assertEquals(1, off.visitCount());
        assertTrue(off.unique());
        assertEquals(null, setCookie(off));
    }

    @Test
    void shouldAcceptCookiesFromAnotherNodeWithTheSameKey() {
        String value = value(click(null, "198.51.100.1"));
        Visitor otherNode = new VisitorTracking(VisitorConfig.DEFAULTS, KEY, NOW).newVisitor();
        otherNode.begin("slv=" + value, UA, client("198.51.100.1"), true);
        assertTrue(otherNode.returning());
        Visitor otherKey = new VisitorTracking(VisitorConfig.DEFAULTS,
                ClickIdKey.fromSecret("another-secret-0123456789"), NOW).newVisitor();
        otherKey.begin("slv=" + value, UA, client("198.51.100.1"), true);
        assertFalse(otherKey.returning());
    }

    /** Cookies off: a visitor is known by address and User-Agent only. */
    private static final VisitorConfig NO_COOKIES = new VisitorConfig(false, "slv", 365L * 86_400_000, false,
            86_400_000, 1 << 10);

    @Test
    void shouldKeyAnAddressVisitorTheSameWhetherTheAgentIsAStringOrTheRequestsBytes() {
        String agent = UA + " " + "x".repeat(300);
        byte[] head = ("User-Agent: " + agent + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int length : new int[] {0, 1, 40, 255, 256, 257, agent.length()}) {
            long fromString = addressKey(agent.substring(0, length));
            long fromBytes = addressKey(new ByteChars().wrap(head, 12, length));
            assertEquals(fromString, fromBytes, "agent of " + length + " chars");
        }
        assertNotEquals(addressKey("agent a"), addressKey("agent b"));
        assertEquals(addressKey(agent.substring(0, 256)), addressKey(agent), "only the first 256 bytes count");
    }

    /** The link key of a countable click on link 42 with cookies off: by address and User-Agent. */
    private static long addressKey(CharSequence agent) {
        Visitor byAddress = new VisitorTracking(NO_COOKIES, KEY, NOW).newVisitor();
        byAddress.begin(null, agent, client("203.0.113.9"), true);
        byAddress.link(42, NOW);
        return byAddress.linkKey();
    }

    @Test
    void shouldCallOnlyAnIdMintedForThisClickNew() {
        visitor.begin(null, UA, client("198.51.100.1"), true);
        assertFalse(visitor.newId(), "not before the click is linked");
        visitor.link(1, NOW);
        assertTrue(visitor.newId());
        String value = value(setCookie(visitor));

        visitor.begin("slv=" + value, UA, client("198.51.100.1"), true);
        visitor.link(1, NOW);
        assertFalse(visitor.newId(), "a returning visitor");
        visitor.begin(null, UA, client("198.51.100.1"), false);
        visitor.link(1, NOW);
        assertFalse(visitor.newId(), "a bot gets no id");

        Visitor byAddress = new VisitorTracking(NO_COOKIES, KEY, NOW).newVisitor();
        byAddress.begin(null, UA, client("198.51.100.1"), true);
        byAddress.link(1, NOW);
        assertFalse(byAddress.newId(), "known by address and agent: maybe seen before");
    }
}

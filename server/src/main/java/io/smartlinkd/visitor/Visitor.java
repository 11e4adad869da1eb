package io.smartlinkd.visitor;

import static io.smartlinkd.text.CharScan.indexOf;
import static io.smartlinkd.text.CharScan.skipSpaces;
import static io.smartlinkd.text.CharScan.trimEnd;

import io.netty.buffer.ByteBuf;
import io.smartlinkd.clickid.SipHash24;
import io.smartlinkd.text.ByteChars;

/**
 * The visitor of the request being answered: who they are (the signed cookie's id, or a new one), how many clicks
 * they have made (including this one), and whether this click is unique for its link.
 *
 * <p>Per request: {@link #begin} when the headers are known, {@link #link} once the link is found, then
 * {@link #writeSetCookie} into the redirect. Requests that should not count (HEAD, prefetch, bots) are begun with
 * {@code countable = false}: they are never unique, never touch the unique table and get no cookie, so a link
 * unfurler or a browser prefetch cannot use up the visitor's unique click or bump their visit count.
 *
 * <p>The unique key is the link and the visitor id when the request carried a valid cookie. Without one it is the
 * link, the client address and the {@code User-Agent} (all under a keyed hash); the new id issued with such a click
 * is also entered, so the visitor's next click, now with the cookie, is a repeat too.
 *
 * <p>One per event loop; not thread-safe; allocates nothing.
 */
public final class Visitor {
    private static final int USER_AGENT_BYTES = 256;
    private static final byte KEY_BY_ID = 1;
    private static final byte KEY_BY_ADDRESS = 2;
    private static final int ADDRESS_KEY_HEADER = 1 + 4 + 1 + 16;

    private final VisitorTracking tracking;
    private final VisitorIds ids;
    private final byte[] id = new byte[VisitorCookie.ID_BYTES];
    private final byte[] raw = new byte[VisitorCookie.RAW_BYTES];
    private final byte[] text = new byte[VisitorCookie.TEXT_CHARS];
    private final byte[] key = new byte[ADDRESS_KEY_HEADER + USER_AGENT_BYTES];
    private ClientIp client;
    private CharSequence userAgent;
    private boolean countable;
    private boolean returning;
    private boolean linked;
    private boolean unique;
    private int visitCount;
    private long linkKey;

    Visitor(VisitorTracking tracking, VisitorIds ids) {
        this.tracking = tracking;
        this.ids = ids;
    }

    /**
     * Starts a request.
     *
     * @param cookieHeader the {@code Cookie} header, or null
     * @param userAgent    the {@code User-Agent} header, or null
     * @param client       the request's client address, resolved already
     * @param countable    false for requests that must not count as visits: HEAD, prefetch, bots
     */
    public void begin(CharSequence cookieHeader, CharSequence userAgent, ClientIp client, boolean countable) {
        this.client = client;
        this.userAgent = userAgent;
        this.countable = countable;
        this.linked = false;
        this.unique = false;
        this.linkKey = 0;
        int visits = tracking.setCookie() && cookieHeader != null ? readCookie(cookieHeader) : -1;
        returning = visits >= 0;
        if (!returning) {
            java.util.Arrays.fill(id, (byte) 0);
        }
        visitCount = returning ? Math.min(visits + 1, VisitorCookie.MAX_VISITS) : 1;
    }

    /** The request is a click on this link: decides uniqueness and, for a new visitor, the new id. Once per request. */
    public void link(int linkNumber, long nowMs) {
        if (linked) {
            return;
        }
        linked = true;
        linkKey = 0;
        if (!countable) {
            return;
        }
        UniqueClickTable uniques = tracking.uniques();
        if (returning) {
            linkKey = keyById(linkNumber);
            unique = uniques.claim(linkKey, nowMs);
            return;
        }
        linkKey = keyByAddress(linkNumber);
        unique = uniques.claim(linkKey, nowMs);
        if (tracking.setCookie()) {
            ids.next(id);
            linkKey = keyById(linkNumber);
            uniques.claim(linkKey, nowMs);
        }
    }

    /** Clicks so far including this one: 1 for a new visitor (or with cookies off), saturating at 65535. */
    public int visitCount() {
        return visitCount;
    }

    /** This click is the visitor's first on the link within the unique window; false until {@link #link}. */
    public boolean unique() {
        return unique;
    }

    /**
     * The keyed hash naming this visitor on the link of {@link #link}, as the unique check used it: by visitor id
     * when there is one (cookie or newly minted), else by address and User-Agent. Hands a returning visitor the
     * same discount code. 0 for requests that are not visits (bots, prefetch, HEAD), meaning "no identity".
     */
    public long linkKey() {
        return linkKey;
    }

    /**
     * {@link #link} minted this visitor's id for this request (a countable click without a valid cookie, cookies
     * on), so {@link #linkKey()} names a visitor seen for the first time: nothing can be stored under it yet.
     */
    public boolean newId() {
        return linked && countable && !returning && tracking.setCookie();
    }

    /** The request carried a valid visitor cookie. */
    public boolean returning() {
        return returning;
    }

    /**
     * The visitor id bytes ({@value VisitorCookie#ID_BYTES}): the cookie's for returning visitors, a new one after
     * {@link #link} of a countable click, zeros otherwise.
     */
    public byte[] id() {
        return id;
    }

    /** The response to this request carries a {@code Set-Cookie}: a countable click on a link, with cookies on. */
    public boolean setsCookie() {
        return countable && linked && tracking.setCookie();
    }

    /** Writes the {@code Set-Cookie} header line (with CRLF) when {@link #setsCookie()}; otherwise nothing. */
    public void writeSetCookie(ByteBuf out) {
        if (!setsCookie()) {
            return;
        }
        tracking.cookie().encode(id, visitCount, raw, text, 0);
        out.writeBytes(tracking.setCookiePrefix());
        out.writeBytes(text);
        out.writeBytes(tracking.setCookieSuffix());
    }

    /**
     * Finds the first cookie of our name whose value verifies; returns its visit count or -1. Pairs are separated by
     * {@code ;}, names compared exactly, values may be quoted.
     */
    private int readCookie(CharSequence header) {
        byte[] name = tracking.cookieName();
        int length = header.length();
        int at = 0;
        while (at < length) {
            int end = indexOf(header, ';', at, length);
            int equals = indexOf(header, '=', at, end);
            int nameStart = skipSpaces(header, at, equals);
            int nameEnd = trimEnd(header, nameStart, equals);
            if (equals < end && matches(header, nameStart, nameEnd, name)) {
                int valueStart = skipSpaces(header, equals + 1, end);
                int valueEnd = trimEnd(header, valueStart, end);
                if (valueEnd - valueStart >= 2 && header.charAt(valueStart) == '"'
                        && header.charAt(valueEnd - 1) == '"') {
                    valueStart++;
                    valueEnd--;
                }
                int visits = tracking.cookie().decode(header, valueStart, valueEnd, raw, id);
                if (visits >= 0) {
                    return visits;
                }
            }
            at = end + 1;
        }
        return -1;
    }

    private long keyById(int linkNumber) {
        key[0] = KEY_BY_ID;
        putInt(linkNumber);
        System.arraycopy(id, 0, key, 5, VisitorCookie.ID_BYTES);
        return SipHash24.hash(tracking.uniqueK0(), tracking.uniqueK1(), key, 0, 5 + VisitorCookie.ID_BYTES);
    }

    private long keyByAddress(int linkNumber) {
        key[0] = KEY_BY_ADDRESS;
        putInt(linkNumber);
        int ipLength = client == null ? 0 : client.length();
        key[5] = (byte) ipLength;
        java.util.Arrays.fill(key, 6, ADDRESS_KEY_HEADER, (byte) 0);
        if (ipLength > 0) {
            System.arraycopy(client.ip(), 0, key, 6, ipLength);
        }
        int agentBytes = userAgent == null ? 0 : Math.min(userAgent.length(), USER_AGENT_BYTES);
        if (userAgent instanceof ByteChars) {
            ByteChars agent = (ByteChars) userAgent;
            System.arraycopy(agent.bytes(), agent.offset(), key, ADDRESS_KEY_HEADER, agentBytes);
        } else {
            for (int i = 0; i < agentBytes; i++) {
                key[ADDRESS_KEY_HEADER + i] = (byte) userAgent.charAt(i);
            }
        }
        return SipHash24.hash(tracking.uniqueK0(), tracking.uniqueK1(), key, 0, ADDRESS_KEY_HEADER + agentBytes);
    }

    private void putInt(int value) {
        key[1] = (byte) (value >>> 24);
        key[2] = (byte) (value >>> 16);
        key[3] = (byte) (value >>> 8);
        key[4] = (byte) value;
    }

    private static boolean matches(CharSequence text, int start, int end, byte[] name) {
        if (end - start != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (text.charAt(start + i) != name[i]) {
                return false;
            }
        }
        return true;
    }



}

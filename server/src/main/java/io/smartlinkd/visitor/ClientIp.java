package io.smartlinkd.visitor;

import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.net.CidrSet;
import io.smartlinkd.net.IpAddresses;

/**
 * The client address of the request being answered: the connection's peer (or the PROXY protocol source), unless
 * that is a trusted proxy; then {@code X-Forwarded-For} is walked from the right.
 *
 * <p>Each proxy appends the address it received the request from, so only the entries right of the first untrusted
 * hop were written by our own proxies; anything further left came from the client and may be forged. The walk
 * therefore skips trusted hops from the right and stops at the first untrusted one. If every hop is trusted, the
 * leftmost wins. An entry that is not an address ({@code unknown}, an obfuscated id, garbage, an empty entry) stops
 * the walk at the last good hop: what lies beyond it cannot be attributed to any proxy we trust.
 *
 * <p>Entries may be {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code 2001:db8::1}, {@code [2001:db8::1]} or
 * {@code [2001:db8::1]:4711}, with optional spaces or tabs around them. Several header lines are one list, in order.
 *
 * <p>One per event loop, reused for every request; allocates nothing. The address stays valid until the next
 * request on the loop.
 */
public final class ClientIp {
    private final CidrSet trusted;
    private final byte[] ip = new byte[IpAddresses.IPV6_BYTES];
    private final byte[] hop = new byte[IpAddresses.IPV6_BYTES];
    private int length;
    private boolean walking;

    public ClientIp(CidrSet trustedProxies) {
        this.trusted = trustedProxies;
    }

    /** The client address bytes; only the first {@link #length()} count. */
    public byte[] ip() {
        return ip;
    }

    /** 4 (IPv4), 16 (IPv6) or 0 (unknown, e.g. a test channel without a socket). */
    public int length() {
        return length;
    }

    /**
     * Starts a request from the connection's address. Returns true when that address is a trusted proxy, so the
     * forwarded-for lines are to be {@link #walk walked}, last line first.
     */
    public boolean start(byte[] peer, int peerLength) {
        System.arraycopy(peer, 0, ip, 0, peerLength);
        length = peerLength;
        walking = peerLength != 0 && trusted.contains(peer, peerLength);
        return walking;
    }

    /**
     * Walks one {@code X-Forwarded-For} line from its right end. Returns true when every entry was a trusted proxy,
     * so the line before it continues the chain; false once the client is found or the walk stopped.
     */
    public boolean walk(CharSequence line) {
        if (!walking) {
            return false;
        }
        int end = line.length();
        while (true) {
            int comma = end - 1;
            while (comma >= 0 && line.charAt(comma) != ',') {
                comma--;
            }
            int hopLength = parseHop(line, comma + 1, end, hop);
            if (hopLength == 0) {
                walking = false; // not an address: keep the last good hop
                return false;
            }
            System.arraycopy(hop, 0, ip, 0, hopLength);
            length = hopLength;
            if (!trusted.contains(hop, hopLength)) {
                walking = false; // the first untrusted hop is the client
                return false;
            }
            if (comma < 0) {
                return true;
            }
            end = comma;
        }
    }

    /**
     * The address in the form click records keep it (see {@code ClickLayout.IP_FORM}): writes 16 bytes into
     * {@code out} and returns 1 (IPv4 /24), 2 (IPv6 /48), or 0 when nothing is kept.
     */
    public int privacyForm(JournalConfig.IpPrivacy privacy, byte[] out) {
        if (privacy == JournalConfig.IpPrivacy.NONE || length == 0) {
            return 0;
        }
        int kept = length == IpAddresses.IPV4_BYTES ? 3 : 6;
        System.arraycopy(ip, 0, out, 0, kept);
        java.util.Arrays.fill(out, kept, IpAddresses.IPV6_BYTES, (byte) 0);
        return length == IpAddresses.IPV4_BYTES ? 1 : 2;
    }

    /**
     * One list entry between {@code start} and {@code end}: an address, optionally bracketed (IPv6) and followed by
     * a port; surrounding spaces and tabs are ignored. Returns the address length, or 0 when it is none.
     */
    static int parseHop(CharSequence text, int start, int end, byte[] out) {
        while (start < end && isSpace(text.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(text.charAt(end - 1))) {
            end--;
        }
        if (start == end) {
            return 0;
        }
        if (text.charAt(start) == '[') {
            int close = start + 1;
            while (close < end && text.charAt(close) != ']') {
                close++;
            }
            if (close == end || !(close + 1 == end || isPort(text, close + 1, end))) {
                return 0;
            }
            int length = IpAddresses.parse(text, start + 1, close, out);
            // Brackets hold IPv6 text only; a bracketed "::ffff:1.2.3.4" is still fine (mapped).
            return hasColon(text, start + 1, close) ? length : 0;
        }
        int colon = -1;
        int colons = 0;
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ':') {
                colon = i;
                colons++;
            }
        }
        if (colons == 0) {
            return IpAddresses.parseIpv4(text, start, end, out);
        }
        if (colons == 1) {
            // IPv4 with a port; "::" forms and IPv6 have at least two colons.
            return isPort(text, colon, end) ? IpAddresses.parseIpv4(text, start, colon, out) : 0;
        }
        return IpAddresses.parse(text, start, end, out);
    }

    /** {@code :} followed by 1..5 digits. */
    private static boolean isPort(CharSequence text, int colon, int end) {
        if (text.charAt(colon) != ':' || end - colon < 2 || end - colon > 6) {
            return false;
        }
        for (int i = colon + 1; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean hasColon(CharSequence text, int start, int end) {
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ':') {
                return true;
            }
        }
        return false;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}

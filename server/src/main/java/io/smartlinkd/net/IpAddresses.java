package io.smartlinkd.net;

import java.net.InetAddress;

/**
 * IP address text to bytes without objects: IPv4 dotted quads and IPv6 in any RFC 4291 form (with {@code ::} and
 * a dotted IPv4 tail). Addresses land in a caller's {@code byte[16]}; the return value is their length, 4 or 16, or
 * 0 for text that is not an address.
 *
 * <p>IPv4-mapped IPv6 addresses ({@code ::ffff:192.0.2.1}) are returned as the IPv4 address they carry, so that a
 * dual-stack socket's peer, an {@code X-Forwarded-For} entry and a configured CIDR compare alike.
 *
 * <p>Strict on purpose: no zone ids ({@code %eth0}), no leading zeros in IPv4 parts (which some parsers read as
 * octal), no shortened IPv4 forms ({@code 10.1}). Text a proxy did not write as a plain address is not an address.
 * Stateless and thread-safe; allocates nothing (except {@link #format}).
 */
public final class IpAddresses {
    public static final int IPV4_BYTES = 4;
    public static final int IPV6_BYTES = 16;

    private IpAddresses() {
    }

    /** Parses {@code text[start, end)} into {@code out}; returns 4, 16, or 0 when it is not an address. */
    public static int parse(CharSequence text, int start, int end, byte[] out) {
        if (end - start < 2) {
            return 0;
        }
        for (int i = start; i < end; i++) {
            if (text.charAt(i) == ':') {
                return parseIpv6(text, start, end, out) ? mappedToIpv4(out) : 0;
            }
        }
        return parseIpv4(text, start, end, out, 0) ? IPV4_BYTES : 0;
    }

    /** Parses a whole string; see {@link #parse(CharSequence, int, int, byte[])}. */
    public static int parse(CharSequence text, byte[] out) {
        return parse(text, 0, text.length(), out);
    }

    /** The bytes of a socket's address, IPv4-mapped IPv6 reduced to IPv4; returns 4 or 16. */
    public static int fromInet(InetAddress address, byte[] out) {
        byte[] raw = address.getAddress();
        System.arraycopy(raw, 0, out, 0, raw.length);
        return raw.length == IPV6_BYTES ? mappedToIpv4(out) : IPV4_BYTES;
    }

    /** Canonical text of an address (RFC 5952 for IPv6); allocates, for logs, messages and tests. */
    public static String format(byte[] ip, int length) {
        StringBuilder text = new StringBuilder(39);
        if (length == IPV4_BYTES) {
            for (int i = 0; i < IPV4_BYTES; i++) {
                text.append(i == 0 ? "" : ".").append(ip[i] & 0xff);
            }
            return text.toString();
        }
        if (length != IPV6_BYTES) {
            throw new IllegalArgumentException("not an address length: " + length);
        }
        // The longest run of two or more zero groups (the first of equals) becomes "::".
        int bestStart = -1;
        int bestLength = 1;
        for (int group = 0; group < 8; ) {
            int end = group;
            while (end < 8 && ip[2 * end] == 0 && ip[2 * end + 1] == 0) {
                end++;
            }
            if (end - group > bestLength) {
                bestStart = group;
                bestLength = end - group;
            }
            group = end == group ? group + 1 : end;
        }
        for (int group = 0; group < 8; group++) {
            if (group == bestStart) {
                text.append("::");
                group += bestLength - 1;
                continue;
            }
            if (group > 0 && group != bestStart + bestLength) {
                text.append(':');
            }
            text.append(Integer.toHexString((ip[2 * group] & 0xff) << 8 | (ip[2 * group + 1] & 0xff)));
        }
        return text.toString();
    }

    /** Parses IPv4 dotted-quad text only; returns 4, or 0 when it is not one. */
    public static int parseIpv4(CharSequence text, int start, int end, byte[] out) {
        return parseIpv4(text, start, end, out, 0) ? IPV4_BYTES : 0;
    }

    /** Four decimal parts 0..255 without leading zeros, written to {@code out[offset..offset+4)}. */
    static boolean parseIpv4(CharSequence text, int start, int end, byte[] out, int offset) {
        int part = 0;
        int value = 0;
        int digits = 0;
        for (int i = start; i <= end; i++) {
            char c = i < end ? text.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                if (digits == 1 && value == 0) {
                    return false; // leading zero
                }
                value = value * 10 + (c - '0');
                digits++;
                if (value > 255) {
                    return false;
                }
            } else if (c == '.') {
                if (digits == 0 || part == 4) {
                    return false;
                }
                out[offset + part++] = (byte) value;
                value = 0;
                digits = 0;
            } else {
                return false;
            }
        }
        return part == 4;
    }

    /**
     * Up to eight groups of 1..4 hex digits separated by colons; one {@code ::} stands for one or more zero groups;
     * the last 32 bits may be written as a dotted IPv4 address.
     */
    static boolean parseIpv6(CharSequence text, int start, int end, byte[] out) {
        int groups = 0;
        int gap = -1; // group index where "::" stands
        int i = start;
        if (text.charAt(i) == ':') {
            if (text.charAt(i + 1) != ':') {
                return false;
            }
            gap = 0;
            i += 2;
        }
        while (i < end) {
            if (groups == 8) {
                return false;
            }
            int value = 0;
            int j = i;
            while (j < end && j - i < 5) {
                int digit = hexValue(text.charAt(j));
                if (digit < 0) {
                    break;
                }
                value = value << 4 | digit;
                j++;
            }
            if (j < end && text.charAt(j) == '.') {
                // Dotted IPv4 tail: the last two groups.
                if (groups > 6 || !parseIpv4(text, i, end, out, 2 * groups)) {
                    return false;
                }
                groups += 2;
                break;
            }
            if (j == i || j - i > 4) {
                return false;
            }
            out[2 * groups] = (byte) (value >>> 8);
            out[2 * groups + 1] = (byte) value;
            groups++;
            if (j == end) {
                break;
            }
            if (text.charAt(j) != ':') {
                return false;
            }
            i = j + 1;
            if (i < end && text.charAt(i) == ':') {
                if (gap >= 0) {
                    return false;
                }
                gap = groups;
                i++;
            } else if (i == end) {
                return false; // trailing single colon
            }
        }
        if (gap < 0) {
            return groups == 8;
        }
        if (groups > 7) {
            return false;
        }
        int tailBytes = 2 * (groups - gap);
        System.arraycopy(out, 2 * gap, out, IPV6_BYTES - tailBytes, tailBytes);
        java.util.Arrays.fill(out, 2 * gap, IPV6_BYTES - tailBytes, (byte) 0);
        return true;
    }

    /** Reduces {@code ::ffff:a.b.c.d} in {@code out} to its four IPv4 bytes; returns the resulting length. */
    static int mappedToIpv4(byte[] out) {
        for (int i = 0; i < 10; i++) {
            if (out[i] != 0) {
                return IPV6_BYTES;
            }
        }
        if (out[10] != (byte) 0xff || out[11] != (byte) 0xff) {
            return IPV6_BYTES;
        }
        System.arraycopy(out, 12, out, 0, IPV4_BYTES);
        return IPV4_BYTES;
    }

    private static int hexValue(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}

package io.smartlinkd.geo;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Tells globally routable client addresses from the rest, so that geo data is only ever asked about addresses that
 * can have a country. Geo databases answer for private and reserved ranges too (the CC0 data places 192.168.1.1 in
 * AU), which would put every visitor behind a misconfigured proxy into one country.
 *
 * <p>Not public (after the IANA IPv4 and IPv6 special-purpose address registries, RFC 6890 and successors):
 * <ul>
 *   <li>IPv4: 0/8 "this network", 10/8, 172.16/12 and 192.168/16 private, 100.64/10 shared (CGNAT), 127/8 loopback,
 *       169.254/16 link-local, 192.0.0/24 protocol assignments, 192.0.2/24, 198.51.100/24 and 203.0.113/24
 *       documentation, 192.88.99/24 deprecated 6to4 relays, 198.18/15 benchmarking, 224/4 multicast, 240/4 reserved
 *       and broadcast.</li>
 *   <li>IPv6: everything outside global unicast 2000::/3 (unspecified, loopback, ULA fc00::/7, link-local fe80::/10,
 *       multicast ff00::/8, discard 100::/64, local NAT64 64:ff9b:1::/48 …), the protocol assignments 2001::/23
 *       (benchmarking, ORCHID), documentation 2001:db8::/32 and 3fff::/20.</li>
 *   <li>IPv6 forms that carry an IPv4 address are judged by that address (and looked up as IPv4, as MaxMind
 *       databases alias them): IPv4-mapped ::ffff:0:0/96 (what a dual-stack socket reports for an IPv4 client),
 *       NAT64 64:ff9b::/96, 6to4 2002::/16 and Teredo 2001::/32 (client address inverted in the low 32 bits).</li>
 * </ul>
 *
 * <p>Stateless, allocation-free and thread-safe.
 */
public final class PublicAddresses {
    /** {@link #classify} result: not a public address. */
    static final long NOT_PUBLIC = -1;
    /** {@link #classify} result: a public native IPv6 address. */
    static final long IPV6 = -2;

    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private static final long LOW_32 = 0xFFFF_FFFFL;
    private static final long NAT64_HI = 0x0064_ff9b_0000_0000L;
    private static final long IETF_PROTOCOL_23 = 0x2001_0000_0000_0000L >>> 41;
    private static final long DOCUMENTATION_32 = 0x2001_0db8L;
    private static final long DOCUMENTATION_3FFF_20 = 0x3fff0L;

    private PublicAddresses() {
    }

    /** @param length 4 for IPv4, 16 for IPv6; anything else is not public */
    public static boolean isPublic(byte[] ip, int length) {
        return isPublic(ip, 0, length);
    }

    /** The address in {@code ip[offset .. offset + length)}. */
    public static boolean isPublic(byte[] ip, int offset, int length) {
        if (length == 4) {
            return isPublicIpv4(ipv4(ip, offset));
        }
        if (length == 16) {
            return classify((long) LONG.get(ip, offset), (long) LONG.get(ip, offset + 8)) != NOT_PUBLIC;
        }
        return false;
    }

    static int ipv4(byte[] ip, int offset) {
        return (ip[offset] & 0xFF) << 24 | (ip[offset + 1] & 0xFF) << 16 | (ip[offset + 2] & 0xFF) << 8
                | (ip[offset + 3] & 0xFF);
    }

    static long ipv6High(byte[] ip, int offset) {
        return (long) LONG.get(ip, offset);
    }

    static long ipv6Low(byte[] ip, int offset) {
        return (long) LONG.get(ip, offset + 8);
    }

    /**
     * How to look up an IPv6 address given as two big-endian halves.
     *
     * @return {@link #NOT_PUBLIC}, {@link #IPV6} for a public native IPv6 address, or the public IPv4 address
     *         (0..2<sup>32</sup>-1) that the IPv6 form carries
     */
    static long classify(long hi, long lo) {
        if (hi == 0 && (lo >>> 32) == 0xFFFF) {
            return ipv4Verdict((int) lo);
        }
        if (hi == NAT64_HI && (lo >>> 32) == 0) {
            return ipv4Verdict((int) lo);
        }
        if ((hi >>> 61) != 1) {
            return NOT_PUBLIC;
        }
        if ((hi >>> 48) == 0x2002) {
            return ipv4Verdict((int) (hi >>> 16));
        }
        if ((hi >>> 32) == 0x2001_0000L) {
            return ipv4Verdict((int) ~lo);
        }
        if ((hi >>> 41) == IETF_PROTOCOL_23 || (hi >>> 32) == DOCUMENTATION_32
                || (hi >>> 44) == DOCUMENTATION_3FFF_20) {
            return NOT_PUBLIC;
        }
        return IPV6;
    }

    private static long ipv4Verdict(int address) {
        return isPublicIpv4(address) ? address & LOW_32 : NOT_PUBLIC;
    }

    /** @param address the IPv4 address as a big-endian int ({@code 10.0.0.1} is {@code 0x0A000001}) */
    static boolean isPublicIpv4(int address) {
        int a = address >>> 24;
        if (a == 0 || a == 10 || a == 127 || a >= 224) {
            return false;
        }
        int top16 = address >>> 16;
        int top24 = address >>> 8;
        return (address & 0xFFC0_0000) != 0x6440_0000       // 100.64/10
                && top16 != 0xA9FE                          // 169.254/16
                && (address & 0xFFF0_0000) != 0xAC10_0000   // 172.16/12
                && top16 != 0xC0A8                          // 192.168/16
                && top24 != 0xC0_0000                       // 192.0.0/24
                && top24 != 0xC0_0002                       // 192.0.2/24
                && top24 != 0xC0_5863                       // 192.88.99/24
                && (address & 0xFFFE_0000) != 0xC612_0000   // 198.18/15
                && top24 != 0xC6_3364                       // 198.51.100/24
                && top24 != 0xCB_0071;                      // 203.0.113/24
    }
}

package io.smartlinkd.net;

import java.util.List;

/**
 * A fixed set of networks, matched against an address in a few word comparisons per network: IPv4 networks as
 * (network, mask) ints, IPv6 networks as two (network, mask) long pairs. A trusted-proxy list holds a handful of
 * networks, so a linear scan over flat primitive arrays beats any tree. Immutable and thread-safe; {@link #contains}
 * allocates nothing.
 */
public final class CidrSet {
    public static final CidrSet EMPTY = of(List.of());

    private final List<Cidr> networks;
    private final int[] v4; // network, mask, network, mask, ...
    private final long[] v6; // networkHigh, networkLow, maskHigh, maskLow, ...

    private CidrSet(List<Cidr> networks, int[] v4, long[] v6) {
        this.networks = networks;
        this.v4 = v4;
        this.v6 = v6;
    }

    public static CidrSet of(List<Cidr> networks) {
        int v4Count = 0;
        for (Cidr cidr : networks) {
            if (cidr.addressLength() == IpAddresses.IPV4_BYTES) {
                v4Count++;
            }
        }
        int[] v4 = new int[2 * v4Count];
        long[] v6 = new long[4 * (networks.size() - v4Count)];
        int at4 = 0;
        int at6 = 0;
        byte[] address = new byte[IpAddresses.IPV6_BYTES];
        for (Cidr cidr : networks) {
            cidr.network(address);
            int bits = cidr.prefixBits();
            if (cidr.addressLength() == IpAddresses.IPV4_BYTES) {
                v4[at4++] = int32(address, 0);
                v4[at4++] = bits == 0 ? 0 : -1 << (32 - bits);
            } else {
                v6[at6++] = int64(address, 0);
                v6[at6++] = int64(address, 8);
                v6[at6++] = bits == 0 ? 0 : bits >= 64 ? -1L : -1L << (64 - bits);
                v6[at6++] = bits <= 64 ? 0 : bits == 128 ? -1L : -1L << (128 - bits);
            }
        }
        return new CidrSet(List.copyOf(networks), v4, v6);
    }

    public boolean isEmpty() {
        return networks.isEmpty();
    }

    public List<Cidr> networks() {
        return networks;
    }

    /** Whether {@code ip[0, length)} (length 4 or 16; 0 = unknown, never contained) lies in one of the networks. */
    public boolean contains(byte[] ip, int length) {
        if (length == IpAddresses.IPV4_BYTES) {
            int address = int32(ip, 0);
            for (int i = 0; i < v4.length; i += 2) {
                if ((address & v4[i + 1]) == v4[i]) {
                    return true;
                }
            }
            return false;
        }
        if (length == IpAddresses.IPV6_BYTES) {
            long high = int64(ip, 0);
            long low = int64(ip, 8);
            for (int i = 0; i < v6.length; i += 4) {
                if ((high & v6[i + 2]) == v6[i] && (low & v6[i + 3]) == v6[i + 1]) {
                    return true;
                }
            }
        }
        return false;
    }

    private static int int32(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8
                | (bytes[at + 3] & 0xff);
    }

    private static long int64(byte[] bytes, int at) {
        return (long) int32(bytes, at) << 32 | (int32(bytes, at + 4) & 0xffffffffL);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CidrSet && ((CidrSet) other).networks.equals(networks);
    }

    @Override
    public int hashCode() {
        return networks.hashCode();
    }

    @Override
    public String toString() {
        return networks.toString();
    }
}

package io.smartlinkd.geo;

import java.util.Arrays;

/**
 * Collects networks in ascending address order (the order a search-tree walk yields them) and builds a
 * {@link GeoTable}: adjacent networks of one country are merged into one range and the space between networks becomes
 * ranges of country 0, so that the table covers every address. Overlapping or out-of-order networks are refused.
 *
 * <p>Not thread-safe; used once, on a background thread.
 */
public final class GeoTableBuilder {
    private static final long IPV4_END = 1L << 32;
    private static final int INITIAL_CAPACITY = 1024;

    private int[] v4Starts = new int[INITIAL_CAPACITY];
    private char[] v4Countries = new char[INITIAL_CAPACITY];
    private int v4Count;
    /** The first IPv4 address not covered yet; {@link #IPV4_END} once the space is full. */
    private long v4Next;

    private long[] v6High = new long[INITIAL_CAPACITY];
    private long[] v6Low = new long[INITIAL_CAPACITY];
    private char[] v6Countries = new char[INITIAL_CAPACITY];
    private int v6Count;
    private long v6NextHigh;
    private long v6NextLow;
    private boolean v6Full;

    private long networks;

    /**
     * @param network the network's first address, 0..2<sup>32</sup>-1
     * @param prefix  0..32
     * @param country packed ({@link CountryCode}), 0 when the network has none
     * @throws IllegalArgumentException when the network is not after every network added before
     */
    public GeoTableBuilder addIpv4(long network, int prefix, int country) {
        if (prefix < 0 || prefix > 32 || network < 0 || network >= IPV4_END) {
            throw new IllegalArgumentException("bad IPv4 network " + network + "/" + prefix);
        }
        long size = 1L << (32 - prefix);
        long start = network & -size;
        if (start < v4Next) {
            throw new IllegalArgumentException("IPv4 networks out of order or overlapping at " + dotted(start)
                    + "/" + prefix);
        }
        if (start > v4Next) {
            appendIpv4(v4Next, CountryCode.UNKNOWN);
        }
        appendIpv4(start, country);
        v4Next = start + size;
        networks++;
        return this;
    }

    /**
     * @param high    the network's first address, high 64 bits (big-endian)
     * @param low     the low 64 bits
     * @param prefix  0..128
     * @param country packed ({@link CountryCode}), 0 when the network has none
     * @throws IllegalArgumentException when the network is not after every network added before
     */
    public GeoTableBuilder addIpv6(long high, long low, int prefix, int country) {
        if (prefix < 0 || prefix > 128) {
            throw new IllegalArgumentException("bad IPv6 prefix " + prefix);
        }
        long highMask = prefix >= 64 ? -1L : prefix == 0 ? 0 : -1L << (64 - prefix);
        long lowMask = prefix <= 64 ? 0 : prefix == 128 ? -1L : -1L << (128 - prefix);
        long startHigh = high & highMask;
        long startLow = low & lowMask;
        if (v6Full || compareUnsigned(startHigh, startLow, v6NextHigh, v6NextLow) < 0) {
            throw new IllegalArgumentException("IPv6 networks out of order or overlapping at prefix length " + prefix);
        }
        if (compareUnsigned(startHigh, startLow, v6NextHigh, v6NextLow) > 0) {
            appendIpv6(v6NextHigh, v6NextLow, CountryCode.UNKNOWN);
        }
        appendIpv6(startHigh, startLow, country);
        long endHigh = startHigh | ~highMask;
        long endLow = startLow | ~lowMask;
        v6Full = endHigh == -1L && endLow == -1L;
        v6NextLow = endLow + 1;
        v6NextHigh = endLow == -1L ? endHigh + 1 : endHigh;
        networks++;
        return this;
    }

    /** Networks added so far. */
    public long networks() {
        return networks;
    }

    public GeoTable build() {
        if (v4Next < IPV4_END) {
            appendIpv4(v4Next, CountryCode.UNKNOWN);
        }
        if (!v6Full) {
            appendIpv6(v6NextHigh, v6NextLow, CountryCode.UNKNOWN);
        }
        return new GeoTable(Arrays.copyOf(v4Starts, v4Count), Arrays.copyOf(v4Countries, v4Count),
                Arrays.copyOf(v6High, v6Count), Arrays.copyOf(v6Low, v6Count), Arrays.copyOf(v6Countries, v6Count),
                networks);
    }

    private void appendIpv4(long start, int country) {
        if (v4Count > 0 && v4Countries[v4Count - 1] == country) {
            return;
        }
        if (v4Count == v4Starts.length) {
            v4Starts = Arrays.copyOf(v4Starts, v4Count * 2);
            v4Countries = Arrays.copyOf(v4Countries, v4Count * 2);
        }
        v4Starts[v4Count] = (int) start ^ Integer.MIN_VALUE;
        v4Countries[v4Count] = (char) country;
        v4Count++;
    }

    private void appendIpv6(long high, long low, int country) {
        if (v6Count > 0 && v6Countries[v6Count - 1] == country) {
            return;
        }
        if (v6Count == v6High.length) {
            v6High = Arrays.copyOf(v6High, v6Count * 2);
            v6Low = Arrays.copyOf(v6Low, v6Count * 2);
            v6Countries = Arrays.copyOf(v6Countries, v6Count * 2);
        }
        v6High[v6Count] = high ^ Long.MIN_VALUE;
        v6Low[v6Count] = low ^ Long.MIN_VALUE;
        v6Countries[v6Count] = (char) country;
        v6Count++;
    }

    private static int compareUnsigned(long aHigh, long aLow, long bHigh, long bLow) {
        int high = Long.compareUnsigned(aHigh, bHigh);
        return high != 0 ? high : Long.compareUnsigned(aLow, bLow);
    }

    private static String dotted(long address) {
        return (address >>> 24 & 0xFF) + "." + (address >>> 16 & 0xFF) + "." + (address >>> 8 & 0xFF) + "."
                + (address & 0xFF);
    }
}

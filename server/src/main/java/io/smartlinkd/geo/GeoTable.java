package io.smartlinkd.geo;

/**
 * Country by client address for the click path: an immutable table of address ranges, compiled from a geo database
 * by {@link GeoTableBuilder}. A lookup reads a {@link RangeIndex} entry, which usually holds the answer, and otherwise
 * binary-searches the one or two ranges it names: no allocation, no locks, no I/O. Private and reserved addresses ({@link PublicAddresses}) answer
 * {@link CountryCode#UNKNOWN} without a search.
 *
 * <p>Layout: per address family, the starts of consecutive ranges covering the whole space in ascending order (gaps
 * are ranges of country 0), stored with the sign bit flipped so that signed comparison orders them as unsigned.
 * IPv4 packs each start with its country into one {@code long} ({@code start << 16 | country}), so the search's last
 * probe has already read the answer. IPv6 keeps the high and low 64 bits apart (the low half is read only when two
 * high halves are equal, i.e. for prefixes longer than /64) and the countries in a {@code char[]}.
 *
 * <p>Thread-safe (immutable); share one instance between event loops.
 */
public final class GeoTable {
    /** A table that knows no country; used while no database is loaded. */
    public static final GeoTable EMPTY = new GeoTableBuilder().build();

    private static final long COUNTRY_MASK = 0xFFFF;

    private final long[] v4;
    private final RangeIndex v4Index;
    private final long[] v6High;
    private final long[] v6Low;
    private final char[] v6Countries;
    private final RangeIndex v6Index;
    private final long networks;

    /**
     * @param v4Starts    sign-flipped IPv4 range starts, ascending, the first one 0 (flipped)
     * @param v4Countries their countries
     * @param v6High      sign-flipped high halves of the IPv6 range starts, ascending with {@code v6Low}
     */
    GeoTable(int[] v4Starts, char[] v4Countries, long[] v6High, long[] v6Low, char[] v6Countries, long networks) {
        this.v4 = new long[v4Starts.length];
        long[] v4Highs = new long[v4Starts.length];
        for (int i = 0; i < v4Starts.length; i++) {
            v4[i] = (long) v4Starts[i] << 16 | v4Countries[i];
            v4Highs[i] = (long) v4Starts[i] << 32;
        }
        this.v4Index = new RangeIndex(v4Highs, null, v4Countries);
        this.v6High = v6High;
        this.v6Low = v6Low;
        this.v6Countries = v6Countries;
        this.v6Index = new RangeIndex(v6High, v6Low, v6Countries);
        this.networks = networks;
    }

    /**
     * The packed country ({@link CountryCode}) of a client address, or {@link CountryCode#UNKNOWN} for an address
     * that is not public or that the database does not place.
     *
     * @param ip     network byte order, as {@link java.net.InetAddress#getAddress()} gives it
     * @param length 4 (IPv4) or 16 (IPv6); other lengths answer unknown
     */
    public int country(byte[] ip, int length) {
        return country(ip, 0, length);
    }

    /** The country of the address in {@code ip[offset .. offset + length)}. */
    public int country(byte[] ip, int offset, int length) {
        if (length == 4) {
            int address = PublicAddresses.ipv4(ip, offset);
            return PublicAddresses.isPublicIpv4(address) ? ipv4(address) : CountryCode.UNKNOWN;
        }
        if (length == 16) {
            long hi = PublicAddresses.ipv6High(ip, offset);
            long lo = PublicAddresses.ipv6Low(ip, offset);
            long verdict = PublicAddresses.classify(hi, lo);
            if (verdict == PublicAddresses.IPV6) {
                return ipv6(hi, lo);
            }
            return verdict == PublicAddresses.NOT_PUBLIC ? CountryCode.UNKNOWN : ipv4((int) verdict);
        }
        return CountryCode.UNKNOWN;
    }

    /** Lookup without the public-address filter; {@code address} is big-endian ({@code 1.2.3.4} is 0x01020304). */
    int ipv4(int address) {
        long found = v4Index.find((long) address << 32);
        int low = RangeIndex.firstRange(found);
        int high = RangeIndex.lastRange(found);
        if (low == high) {
            return RangeIndex.country(found);
        }
        long[] ranges = v4;
        // The last range whose start is at or before the address, whatever its country.
        long key = (long) (address ^ Integer.MIN_VALUE) << 16 | COUNTRY_MASK;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (ranges[mid] <= key) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return (int) (ranges[low] & COUNTRY_MASK);
    }

    /** Lookup without the public-address filter; the address as two big-endian halves. */
    int ipv6(long hi, long lo) {
        long found = v6Index.find(hi);
        int low = RangeIndex.firstRange(found);
        int high = RangeIndex.lastRange(found);
        if (low == high) {
            return RangeIndex.country(found);
        }
        long[] highs = v6High;
        long[] lows = v6Low;
        long keyHigh = hi ^ Long.MIN_VALUE;
        long keyLow = lo ^ Long.MIN_VALUE;
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            long h = highs[mid];
            if (h < keyHigh || (h == keyHigh && lows[mid] <= keyLow)) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return v6Countries[low];
    }

    /** Networks read from the database (before adjacent ranges of one country were merged). */
    public long networks() {
        return networks;
    }

    /** IPv4 ranges in the table, gaps included. */
    public int ipv4Ranges() {
        return v4.length;
    }

    /** IPv6 ranges in the table, gaps included. */
    public int ipv6Ranges() {
        return v6High.length;
    }

    /** Heap bytes held by the table's arrays and indexes (array headers ignored). */
    public long bytes() {
        return (long) v4.length * Long.BYTES
                + (long) v6High.length * (2 * Long.BYTES + Character.BYTES)
                + v4Index.bytes() + v6Index.bytes();
    }
}

package io.smartlinkd.geo;

/**
 * Country by client address for the click path: an immutable table of address ranges, compiled from a geo database
 * by {@link GeoTableBuilder}. A lookup is a binary search over primitive arrays: no allocation, no locks, no I/O.
 * Private and reserved addresses ({@link PublicAddresses}) answer {@link CountryCode#UNKNOWN} without a search.
 *
 * <p>Layout: per address family, the starts of consecutive ranges covering the whole space in ascending order (gaps
 * are ranges of country 0) and a parallel {@code char[]} of packed countries. Starts are stored with the sign bit
 * flipped so that signed comparison orders them as unsigned. A first-level index by the top 16 address bits narrows
 * each search to the ranges of one /16 (IPv4) or /16 prefix (IPv6): a few probes instead of about 20.
 *
 * <p>Finer indexes were tried and measured on the CC0 database (an IPv6 index sized to the table over 2000::/3, and
 * a two-level radix index whose entries carry the answer): with random addresses spread over the whole table, none
 * was faster, because each lookup still touches a few megabyte-sized arrays at random, and they doubled the memory.
 * The plain form stays.
 *
 * <p>Thread-safe (immutable); share one instance between event loops.
 */
public final class GeoTable {
    /** A table that knows no country; used while no database is loaded. */
    public static final GeoTable EMPTY = new GeoTableBuilder().build();

    static final int BLOCK_BITS = 16;
    static final int BLOCKS = 1 << BLOCK_BITS;

    private final int[] v4Starts;
    private final char[] v4Countries;
    private final int[] v4Blocks;
    private final long[] v6High;
    private final long[] v6Low;
    private final char[] v6Countries;
    private final int[] v6Blocks;
    private final long networks;

    GeoTable(int[] v4Starts, char[] v4Countries, long[] v6High, long[] v6Low, char[] v6Countries, long networks) {
        this.v4Starts = v4Starts;
        this.v4Countries = v4Countries;
        this.v6High = v6High;
        this.v6Low = v6Low;
        this.v6Countries = v6Countries;
        this.networks = networks;
        this.v4Blocks = v4Blocks(v4Starts);
        this.v6Blocks = v6Blocks(v6High, v6Low);
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
        int[] starts = v4Starts;
        int block = address >>> (32 - BLOCK_BITS);
        int low = v4Blocks[block];
        int high = v4Blocks[block + 1];
        int key = address ^ Integer.MIN_VALUE;
        // The last range starting at or before the address; starts[low] <= key holds by construction.
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (starts[mid] <= key) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        return v4Countries[low];
    }

    /** Lookup without the public-address filter; the address as two big-endian halves. */
    int ipv6(long hi, long lo) {
        long[] highs = v6High;
        long[] lows = v6Low;
        int block = (int) (hi >>> (64 - BLOCK_BITS));
        int low = v6Blocks[block];
        int high = v6Blocks[block + 1];
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

    /** Writes the table's ranges for {@link GeoTableCache}; the block indexes are rebuilt on reading. */
    void writeTo(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeLong(networks);
        out.writeInt(v4Starts.length);
        for (int i = 0; i < v4Starts.length; i++) {
            out.writeInt(v4Starts[i]);
            out.writeChar(v4Countries[i]);
        }
        out.writeInt(v6High.length);
        for (int i = 0; i < v6High.length; i++) {
            out.writeLong(v6High[i]);
            out.writeLong(v6Low[i]);
            out.writeChar(v6Countries[i]);
        }
    }

    /** Reads what {@link #writeTo} wrote; throws on a truncated or implausible stream. */
    static GeoTable readFrom(java.io.DataInputStream in, long maxRanges) throws java.io.IOException {
        long networks = in.readLong();
        int v4 = in.readInt();
        if (v4 < 1 || v4 > maxRanges) {
            throw new java.io.IOException("implausible IPv4 range count " + v4);
        }
        int[] v4Starts = new int[v4];
        char[] v4Countries = new char[v4];
        for (int i = 0; i < v4; i++) {
            v4Starts[i] = in.readInt();
            v4Countries[i] = in.readChar();
        }
        int v6 = in.readInt();
        if (v6 < 1 || v6 > maxRanges) {
            throw new java.io.IOException("implausible IPv6 range count " + v6);
        }
        long[] v6High = new long[v6];
        long[] v6Low = new long[v6];
        char[] v6Countries = new char[v6];
        for (int i = 0; i < v6; i++) {
            v6High[i] = in.readLong();
            v6Low[i] = in.readLong();
            v6Countries[i] = in.readChar();
        }
        return new GeoTable(v4Starts, v4Countries, v6High, v6Low, v6Countries, networks);
    }

    /** Networks read from the database (before adjacent ranges of one country were merged). */
    public long networks() {
        return networks;
    }

    /** IPv4 ranges in the table, gaps included. */
    public int ipv4Ranges() {
        return v4Starts.length;
    }

    /** IPv6 ranges in the table, gaps included. */
    public int ipv6Ranges() {
        return v6High.length;
    }

    /** Heap bytes held by the table's arrays (array headers ignored). */
    public long bytes() {
        return (long) v4Starts.length * (Integer.BYTES + Character.BYTES)
                + (long) v6High.length * (2 * Long.BYTES + Character.BYTES)
                + 2L * (BLOCKS + 1) * Integer.BYTES;
    }

    /** For each top-16-bit block, the range holding the block's first address; one more entry closes the last. */
    private static int[] v4Blocks(int[] starts) {
        int[] blocks = new int[BLOCKS + 1];
        int range = 0;
        for (int block = 0; block < BLOCKS; block++) {
            int first = (block << (32 - BLOCK_BITS)) ^ Integer.MIN_VALUE;
            while (range + 1 < starts.length && starts[range + 1] <= first) {
                range++;
            }
            blocks[block] = range;
        }
        blocks[BLOCKS] = starts.length - 1;
        return blocks;
    }

    private static int[] v6Blocks(long[] highs, long[] lows) {
        int[] blocks = new int[BLOCKS + 1];
        int range = 0;
        for (int block = 0; block < BLOCKS; block++) {
            // The block's first address is (first, 0); a biased zero low half is Long.MIN_VALUE.
            long first = ((long) block << (64 - BLOCK_BITS)) ^ Long.MIN_VALUE;
            while (range + 1 < highs.length && (highs[range + 1] < first
                    || (highs[range + 1] == first && lows[range + 1] == Long.MIN_VALUE))) {
                range++;
            }
            blocks[block] = range;
        }
        blocks[BLOCKS] = highs.length - 1;
        return blocks;
    }
}

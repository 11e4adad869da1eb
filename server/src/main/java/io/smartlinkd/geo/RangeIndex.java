package io.smartlinkd.geo;

/**
 * A two-level radix index over the sorted range starts of one address family, so that a lookup searches only the
 * few ranges near its address, and most lookups none. The first level has one entry per /16 (the top 16 address
 * bits). A /16 holding more than {@link #DENSE} ranges gets a second level that splits it into about as many equal
 * parts as it has ranges, up to 2<sup>16</sup>: dense blocks (an eyeball ISP's /16 of IPv4 /24s, the RIRs' IPv6 /16s
 * with thousands of /32 and /48 networks) then also leave one or two ranges to search.
 *
 * <p>Every entry holds the range that contains the first address of its part, with that range's country; a part's
 * ranges are those from its entry to the next part's. When both are the same range, the whole part is in it and the
 * entry already holds the answer: the lookup reads no range array at all. That matters more than the search's
 * length: the arrays are megabytes, so each array touched by a random lookup is a likely cache and TLB miss.
 *
 * <p>Immutable; {@link #find} allocates nothing.
 */
final class RangeIndex {
    private static final int BLOCK_BITS = 16;
    private static final int BLOCKS = 1 << BLOCK_BITS;
    /** More ranges than this in one /16 get a second level. */
    static final int DENSE = 8;
    private static final int MAX_SECOND_BITS = 16;
    private static final int NO_SECOND_LEVEL = -1;
    /** A second-level entry packs its pool offset above these bits and its bit count below. */
    private static final int BITS_FIELD = 5;

    /** Ranges are numbered in 24 bits in {@link #find}'s answer. */
    static final int MAX_RANGES = 1 << 24;
    private static final long COUNTRY_MASK = 0xFFFF;
    private static final long RANGE_MASK = MAX_RANGES - 1;

    /** Entries are {@code range << 16 | country of the range}. */
    private final long[] first;
    private final int[] secondAt;
    private final long[] second;

    /**
     * @param highs     the ranges' starts, top 64 address bits, sign bit flipped; sorted
     * @param lows      the low 64 bits the same way, or null when the family has no more bits (IPv4)
     * @param countries the ranges' countries
     */
    RangeIndex(long[] highs, long[] lows, char[] countries) {
        if (highs.length >= MAX_RANGES) {
            throw new IllegalArgumentException("too many ranges for the index: " + highs.length);
        }
        first = new long[BLOCKS + 1];
        for (int block = 0; block < BLOCKS; block++) {
            first[block] = entry(rangeAt(highs, lows, (long) block << (64 - BLOCK_BITS)), countries);
        }
        first[BLOCKS] = entry(highs.length - 1, countries);

        secondAt = new int[BLOCKS];
        int size = 0;
        for (int block = 0; block < BLOCKS; block++) {
            int ranges = (int) ((first[block + 1] >>> 16) - (first[block] >>> 16));
            secondAt[block] = ranges > DENSE ? size << BITS_FIELD | secondBits(ranges) : NO_SECOND_LEVEL;
            size += ranges > DENSE ? (1 << secondBits(ranges)) + 1 : 0;
            if (size >= 1 << (31 - BITS_FIELD)) {
                throw new IllegalArgumentException("too many ranges for the index: " + highs.length);
            }
        }
        second = new long[size];
        for (int block = 0; block < BLOCKS; block++) {
            if (secondAt[block] == NO_SECOND_LEVEL) {
                continue;
            }
            int at = secondAt[block] >>> BITS_FIELD;
            int bits = secondAt[block] & ((1 << BITS_FIELD) - 1);
            long blockStart = (long) block << (64 - BLOCK_BITS);
            for (int part = 0; part < 1 << bits; part++) {
                second[at + part] = entry(rangeAt(highs, lows, blockStart | (long) part << (64 - BLOCK_BITS - bits)),
                        countries);
            }
            second[at + (1 << bits)] = first[block + 1];
        }
    }

    /** About one part per range. */
    private static int secondBits(int ranges) {
        return Math.min(MAX_SECOND_BITS, 32 - Integer.numberOfLeadingZeros(ranges));
    }

    /**
     * The ranges that may hold an address, packed: {@code first << 40 | last << 16 | country of first}. Both bounds
     * are inclusive and the range {@code first} starts at or before the address; when {@code first == last} the
     * country is the answer.
     *
     * @param high the address's top 64 bits (IPv4: the address in the top 32), not sign-flipped
     */
    long find(long high) {
        int block = (int) (high >>> (64 - BLOCK_BITS));
        int at = secondAt[block];
        long from;
        long to;
        if (at == NO_SECOND_LEVEL) {
            from = first[block];
            to = first[block + 1];
        } else {
            int bits = at & ((1 << BITS_FIELD) - 1);
            int part = (at >>> BITS_FIELD) + (int) ((high << BLOCK_BITS) >>> (64 - bits));
            from = second[part];
            to = second[part + 1];
        }
        return (from >>> 16) << 40 | (to >>> 16) << 16 | (from & COUNTRY_MASK);
    }

    static int firstRange(long found) {
        return (int) (found >>> 40);
    }

    static int lastRange(long found) {
        return (int) ((found >>> 16) & RANGE_MASK);
    }

    static int country(long found) {
        return (int) (found & COUNTRY_MASK);
    }

    private static long entry(int range, char[] countries) {
        return (long) range << 16 | countries[range];
    }

    /** Heap bytes of both levels. */
    long bytes() {
        return (long) (first.length + second.length) * Long.BYTES + (long) secondAt.length * Integer.BYTES;
    }

    /** The last range starting at or before the address whose top 64 bits are {@code high} and low bits zero. */
    private static int rangeAt(long[] highs, long[] lows, long high) {
        long key = high ^ Long.MIN_VALUE;
        int low = 0;
        int last = highs.length - 1;
        while (low < last) {
            int mid = (low + last + 1) >>> 1;
            long h = highs[mid];
            if (h < key || (h == key && (lows == null || lows[mid] == Long.MIN_VALUE))) {
                low = mid;
            } else {
                last = mid - 1;
            }
        }
        return low;
    }
}

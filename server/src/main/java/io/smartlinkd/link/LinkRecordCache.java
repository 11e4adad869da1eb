package io.smartlinkd.link;

import java.util.Arrays;

/**
 * The hot link records of one event loop, in front of the generation's {@link LinkTable} when the table is too
 * large to keep its records on the heap (a smaller one answers from its {@link HeapLinkIndex}): a Chronicle Map
 * {@code getUsing} costs a segment lock, a hash of the key and a copy out of off-heap memory (180–700 ns, mostly
 * cache misses), while clicks follow a few popular links; a hit here costs a hash of the key and one compare.
 *
 * <p>Implementation note. Direct-mapped: a key's hash picks one slot, which holds a copy of the key and the record
 * as the table returned it. A miss (empty slot, another key, or another table) looks the key up in the table
 * straight into the slot's record and takes the slot; a key without a link is not remembered. Entries belong to the
 * {@link LinkTable} they were read from, and a table's content never changes (a reload makes a new one), so a
 * lookup against any other table than the cache's drops every entry first: requests see only their generation's
 * records. Colliding keys evict each other; that only costs misses.
 *
 * <p>One per event loop; not thread-safe. Allocates nothing after construction, except when a record longer than
 * any before it grows its slot's buffer (once).
 */
public final class LinkRecordCache {
    private static final int RECORD_BYTES = 512;
    private static final int KEY_BYTES = 80;

    private final int mask;
    private final ByteRecord[] keys;
    private final ByteRecord[] records;
    private final boolean[] used;
    private LinkTable table;
    private long hits;
    private long misses;

    /**
     * @param slots records kept: rounded up to a power of two, at least 1
     */
    public LinkRecordCache(int slots) {
        int size = Integer.highestOneBit(Math.max(1, slots) * 2 - 1);
        this.mask = size - 1;
        this.keys = new ByteRecord[size];
        this.records = new ByteRecord[size];
        this.used = new boolean[size];
        for (int i = 0; i < size; i++) {
            keys[i] = new ByteRecord(KEY_BYTES);
            records[i] = new ByteRecord(RECORD_BYTES);
        }
    }

    /**
     * The record of {@code key} in {@code table}, or null when it has no such link. The record returned belongs to
     * the cache: read it before the next lookup, never change it.
     */
    public ByteRecord lookup(LinkTable table, ByteRecord key) {
        HeapLinkIndex heap = table.heapIndex();
        if (heap != null) {
            return heap.get(key);
        }
        if (table != this.table) {
            Arrays.fill(used, false);
            this.table = table;
        }
        int slot = LinkKeyHash.of(key.bytes(), key.length()) & mask;
        ByteRecord cachedKey = keys[slot];
        if (used[slot] && cachedKey.contentEquals(key)) {
            hits++;
            return records[slot];
        }
        misses++;
        used[slot] = false;
        ByteRecord found = table.lookup(key, records[slot]);
        if (found == null) {
            return null;
        }
        cachedKey.clear();
        cachedKey.append(key.bytes(), 0, key.length());
        used[slot] = true;
        return found;
    }

    /** Slots, a power of two. */
    public int capacity() {
        return mask + 1;
    }

    /** Lookups answered from the cache, since construction (a table's heap index is not the cache). */
    public long hits() {
        return hits;
    }

    /** Lookups that went to the table, since construction. */
    public long misses() {
        return misses;
    }
}

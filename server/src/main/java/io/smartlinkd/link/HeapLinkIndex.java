package io.smartlinkd.link;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import net.openhft.chronicle.map.ChronicleMap;

/**
 * Every record of a small link table, copied onto the heap once when the table opens, so that a click finds its link
 * with a hash, a probe and a compare instead of a Chronicle Map {@code getUsing} (segment lock, stop-bit decoding and
 * a copy out of off-heap memory: 8-9 % of the event loop's own CPU with 10,000 links drawn uniformly, which a per-loop
 * cache of hot records does not catch). Tables larger than {@link #MAX_LINKS} links or {@link #MAX_BYTES} bytes stay
 * off-heap only: the heap must hold millions of links' worth of nothing.
 *
 * <p>Immutable after construction, so every event loop shares one instance without synchronisation; the records it
 * hands out must never be changed. Open addressing with linear probing over at most half-full slots.
 */
final class HeapLinkIndex {
    static final int MAX_LINKS = 100_000;
    static final long MAX_BYTES = 24L << 20;

    private final int mask;
    /** Entry number + 1 per slot, 0 = empty. */
    private final int[] slots;
    private final int[] hashes;
    private final byte[][] keys;
    private final ByteRecord[] records;

    private HeapLinkIndex(List<byte[]> keyList, List<ByteRecord> recordList) {
        int n = keyList.size();
        int size = Integer.highestOneBit(Math.max(2, n * 2) * 2 - 1);
        mask = size - 1;
        slots = new int[size];
        hashes = new int[n];
        keys = keyList.toArray(byte[][]::new);
        records = recordList.toArray(ByteRecord[]::new);
        for (int i = 0; i < n; i++) {
            int h = LinkKeyHash.of(keys[i], keys[i].length);
            hashes[i] = h;
            int slot = h & mask;
            while (slots[slot] != 0) {
                slot = (slot + 1) & mask;
            }
            slots[slot] = i + 1;
        }
    }

    /** The index of {@code map}'s records, or null when it has more than {@code maxLinks} or {@link #MAX_BYTES}. */
    static HeapLinkIndex of(ChronicleMap<ByteRecord, ByteRecord> map, int maxLinks) {
        if (map.longSize() > maxLinks) {
            return null;
        }
        List<byte[]> keyList = new ArrayList<>((int) map.longSize());
        List<ByteRecord> recordList = new ArrayList<>((int) map.longSize());
        long[] bytes = {0};
        boolean fits = map.forEachEntryWhile(entry -> {
            byte[] key = entry.key().get().toByteArray();
            ByteRecord value = entry.value().get();
            ByteRecord record = new ByteRecord(value.length());
            record.append(value.bytes(), 0, value.length());
            bytes[0] += key.length + record.length();
            keyList.add(key);
            recordList.add(record);
            return bytes[0] <= MAX_BYTES;
        });
        return fits ? new HeapLinkIndex(keyList, recordList) : null;
    }

    /** The record of {@code key}, shared and read-only, or null when there is no such link. */
    ByteRecord get(ByteRecord key) {
        byte[] keyBytes = key.bytes();
        int keyLength = key.length();
        int h = LinkKeyHash.of(keyBytes, keyLength);
        for (int slot = h & mask; ; slot = (slot + 1) & mask) {
            int entry = slots[slot] - 1;
            if (entry < 0) {
                return null;
            }
            if (hashes[entry] == h && Arrays.equals(keys[entry], 0, keys[entry].length, keyBytes, 0, keyLength)) {
                return records[entry];
            }
        }
    }

    int size() {
        return keys.length;
    }
}

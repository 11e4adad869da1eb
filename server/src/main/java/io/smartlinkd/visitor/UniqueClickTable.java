package io.smartlinkd.visitor;

import io.smartlinkd.config.VisitorConfig;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Which (visitor, link) pairs have had a unique click within the window: a click is unique when its key has no
 * entry younger than the window; the entry then records that minute, and later clicks of the same key count as
 * repeats until the window has passed. Shared by all event loops; lock-free (volatile reads and CAS on a
 * {@code long[]}); allocates nothing after construction.
 *
 * <h2>Layout</h2>
 * Buckets of 8 slots (64 bytes, about one cache line). A 64-bit key hash picks the bucket with its low bits and is
 * stored as a 40-bit fingerprint (its high bits) beside a 24-bit minute stamp (minutes since the table was made,
 * plus one, so a used slot is never 0; 24 bits last 31 years):
 * {@code slot = fingerprint << 24 | stamp}. Slots fill from the left and are never emptied again, so a scan stops
 * at the first empty slot.
 *
 * <h2>Claiming</h2>
 * Scan the bucket. A fingerprint match in the window: not unique. A match outside it: CAS its stamp to now: unique.
 * No match: CAS the first empty slot, or if the bucket is full the oldest slot: unique. A failed CAS re-scans.
 * Two clicks of the same key racing each other therefore agree: both target the same expired match or the same
 * first empty slot, one CAS wins, the other re-scans and finds it.
 *
 * <h2>What is approximate</h2>
 * <ul>
 * <li>Eviction. A full bucket evicts its oldest entry, whose next click within the window counts as unique again
 *   (an over-count). Buckets fill unevenly: with live pairs at a quarter of the capacity about 0.02 % of buckets
 *   overflow, at half about 2 %, at the full capacity about 40 %. Size the table at twice the distinct
 *   (visitor, link) pairs one window sees or more; at 8 bytes per slot, 1 Mi slots cost 8 MiB.</li>
 * <li>Evicting from a full bucket is the one race left: if the bucket changes between the scans of two clicks of
 *   the same key, they may replace different victims and both count as unique.</li>
 * <li>Fingerprints: two keys collide only if they share bucket and 40 fingerprint bits (odds about 8 in 2^40 per
 *   click); the second then counts as a repeat.</li>
 * <li>Minute resolution: a window of {@code W} minutes ends between {@code W - 1} and {@code W} minutes after the
 *   unique click. A clock stepping back makes entries look younger (repeats), never older.</li>
 * </ul>
 */
public final class UniqueClickTable {
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int BUCKET_SLOTS = 8;
    private static final int STAMP_BITS = 24;
    private static final long STAMP_MASK = (1L << STAMP_BITS) - 1;
    private static final long MINUTE_MS = 60_000;
    public static final int MIN_CAPACITY = VisitorConfig.MIN_UNIQUE_CAPACITY;
    /** Bucket index bits must stay below the fingerprint (hash bits 24..63): at most 2^24 buckets of 8. */
    public static final int MAX_CAPACITY = VisitorConfig.MAX_UNIQUE_CAPACITY;

    private final long[] slots;
    private final int bucketMask;
    private final long windowMinutes;
    private final long epochMinute;

    /**
     * @param capacity slots, rounded up to a power of two within [{@value #MIN_CAPACITY}, {@value #MAX_CAPACITY}]
     * @param windowMs how long after a unique click the same key counts as a repeat; rounded up to whole minutes
     * @param epochMs  a time at or before the first click (the table counts minutes from it)
     */
    public UniqueClickTable(int capacity, long windowMs, long epochMs) {
        int size = Integer.highestOneBit(Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, capacity)) * 2 - 1);
        this.slots = new long[size];
        this.bucketMask = size / BUCKET_SLOTS - 1;
        this.windowMinutes = Math.max(1, (windowMs + MINUTE_MS - 1) / MINUTE_MS);
        this.epochMinute = Math.floorDiv(epochMs, MINUTE_MS) - 1;
    }

    public int capacity() {
        return slots.length;
    }

    /**
     * Records a click of {@code keyHash} at {@code nowMs}; returns true when it is unique (no unique click of the same
     * key within the window), false for a repeat.
     */
    public boolean claim(long keyHash, long nowMs) {
        long stamp = Math.min(Math.max(Math.floorDiv(nowMs, MINUTE_MS) - epochMinute, 1), STAMP_MASK);
        long fingerprint = keyHash >>> STAMP_BITS;
        long entry = fingerprint << STAMP_BITS | stamp;
        int base = ((int) keyHash & bucketMask) * BUCKET_SLOTS;
        while (true) {
            int match = -1;
            int empty = -1;
            int oldest = -1;
            long matchValue = 0;
            long oldestValue = 0;
            for (int i = base; i < base + BUCKET_SLOTS; i++) {
                long value = (long) SLOTS.getVolatile(slots, i);
                if (value == 0) {
                    empty = i; // slots fill from the left: the rest are empty too
                    break;
                }
                if (value >>> STAMP_BITS == fingerprint) {
                    if (stamp - (value & STAMP_MASK) < windowMinutes) {
                        return false; // also when the clock stepped back (negative age)
                    }
                    if (match < 0) {
                        match = i;
                        matchValue = value;
                    }
                } else if (oldest < 0 || (value & STAMP_MASK) < (oldestValue & STAMP_MASK)) {
                    oldest = i;
                    oldestValue = value;
                }
            }
            // An expired entry of this key is refreshed in place, else the first empty slot is taken, else the
            // oldest entry is evicted. Racers for the same key pick the same slot in the first two cases.
            int target = match >= 0 ? match : empty >= 0 ? empty : oldest;
            long expected = match >= 0 ? matchValue : empty >= 0 ? 0 : oldestValue;
            if (SLOTS.compareAndSet(slots, target, expected, entry)) {
                return true;
            }
        }
    }
}

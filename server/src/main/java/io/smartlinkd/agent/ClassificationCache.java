package io.smartlinkd.agent;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Final classifications by user agent, in a fixed-size off-heap table: written by one thread (the background
 * classifier), read by any number of threads (the event loops) without locks or allocation.
 *
 * <p>Implementation note. A user agent's 64-bit {@link UserAgentHash} picks a bucket of four slots (one 64-byte
 * cache line, so a lookup touches one line) and is the slot's key. A slot is two longs: the key, then a word holding
 * the upper 32 bits of the key and the 32-bit {@link Classification}. The writer releases the key and then the word;
 * a reader acquires them in the same order and takes the word only when its upper half repeats the key's. A reader
 * that races a replacement therefore sees a miss, never another user agent's answer (up to a 2^-32 chance within
 * that race); outside a race a false hit needs a full 64-bit collision within one bucket. A full bucket gives up its
 * slots in turn (round robin, kept by the writer): cheap, and a popular user agent that was evicted is parsed again
 * on its next miss.
 */
final class ClassificationCache {
    /** What {@link #get} answers when the user agent is not in the table. */
    static final long MISSING = -1;

    static final int MIN_SLOTS = 64;
    static final int MAX_SLOTS = 1 << 24;

    private static final int WAYS = 4;
    private static final int SLOT_BYTES = 2 * Long.BYTES;
    private static final int BUCKET_BYTES = WAYS * SLOT_BYTES;

    private final UnsafeBuffer table;
    private final long seed;
    private final int bucketMask;
    // Writer only.
    private final byte[] nextVictim;
    private int size;

    /**
     * @param slots a power of two in [{@value #MIN_SLOTS}, 2^24]; the table takes 16 bytes per slot
     * @param seed  hash seed; random per process
     */
    ClassificationCache(int slots, long seed) {
        if (slots < MIN_SLOTS || slots > MAX_SLOTS || !BitUtil.isPowerOfTwo(slots)) {
            throw new IllegalArgumentException("slots must be a power of two in [" + MIN_SLOTS + ", " + MAX_SLOTS
                    + "], got " + slots);
        }
        int buckets = slots / WAYS;
        this.table = new UnsafeBuffer(BufferUtil.allocateDirectAligned(buckets * BUCKET_BYTES, BUCKET_BYTES));
        this.seed = seed;
        this.bucketMask = buckets - 1;
        this.nextVictim = new byte[buckets];
    }

    int capacity() {
        return (bucketMask + 1) * WAYS;
    }

    /** Hash of a user agent as this table keys it. */
    long hash(CharSequence userAgent) {
        return UserAgentHash.hash(userAgent, seed);
    }

    /** The classification stored for the user agent, or {@link #MISSING}. Any thread. */
    long get(CharSequence userAgent) {
        return get(hash(userAgent));
    }

    long get(long hash) {
        int offset = bucketOffset(hash);
        long check = hash >>> 32;
        for (int end = offset + BUCKET_BYTES; offset < end; offset += SLOT_BYTES) {
            if (table.getLongAcquire(offset) == hash) {
                long word = table.getLongAcquire(offset + Long.BYTES);
                if (word >>> 32 == check && (word & Classification.FINAL) != 0) {
                    return word & Classification.MASK;
                }
            }
        }
        return MISSING;
    }

    /** Stores a final classification, replacing the user agent's entry or another in its bucket. Writer only. */
    void put(long hash, long classification) {
        if ((classification & Classification.FINAL) == 0) {
            throw new IllegalArgumentException("only final classifications are cached");
        }
        int bucketOffset = bucketOffset(hash);
        int slot = slotFor(bucketOffset, hash);
        int offset = bucketOffset + slot * SLOT_BYTES;
        if (table.getLong(offset + Long.BYTES) == 0) {
            size++;
        }
        table.putLongRelease(offset, hash);
        table.putLongRelease(offset + Long.BYTES, (hash & 0xFFFF_FFFF_0000_0000L) | (classification & Classification.MASK));
    }

    /** Empties the table; readers see misses from then on. Writer only. */
    void clear() {
        for (int offset = 0, end = table.capacity(); offset < end; offset += SLOT_BYTES) {
            table.putLongRelease(offset + Long.BYTES, 0);
            table.putLongRelease(offset, 0);
        }
        size = 0;
    }

    /** Entries held. Writer only. */
    int size() {
        return size;
    }

    /** The slot for the hash in its bucket: its own, else a free one, else the next in turn. */
    private int slotFor(int bucketOffset, long hash) {
        int free = -1;
        for (int slot = 0; slot < WAYS; slot++) {
            int offset = bucketOffset + slot * SLOT_BYTES;
            boolean used = table.getLong(offset + Long.BYTES) != 0;
            if (used && table.getLong(offset) == hash) {
                return slot;
            }
            if (!used && free < 0) {
                free = slot;
            }
        }
        if (free >= 0) {
            return free;
        }
        int bucket = bucketOffset / BUCKET_BYTES;
        int victim = nextVictim[bucket];
        nextVictim[bucket] = (byte) ((victim + 1) % WAYS);
        return victim;
    }

    private int bucketOffset(long hash) {
        return ((int) hash & bucketMask) * BUCKET_BYTES;
    }
}

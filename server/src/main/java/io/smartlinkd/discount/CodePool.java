package io.smartlinkd.discount;

import java.util.concurrent.atomic.LongAdder;
import org.agrona.concurrent.ManyToManyConcurrentArrayQueue;

/**
 * Ready codes of one discount, made ahead of time: event loops take one per coded click without locks or I/O, and
 * the discount thread tops the pool up when it falls under the low-water mark. A code is in the pool only once it
 * exists at the store, so handing it out needs nothing more.
 */
public final class CodePool {
    private final String discountId;
    private final ManyToManyConcurrentArrayQueue<PooledCode> ready;
    private final ManyToManyConcurrentArrayQueue<PooledCode> free;
    private final int lowWater;
    private final LongAdder taken = new LongAdder();
    private final LongAdder empty = new LongAdder();

    public CodePool(String discountId, int size, int lowWater) {
        if (size < 2 || lowWater < 1 || lowWater >= size) {
            throw new IllegalArgumentException("pool size " + size + " and low water " + lowWater);
        }
        this.discountId = discountId;
        this.ready = new ManyToManyConcurrentArrayQueue<>(size);
        this.free = new ManyToManyConcurrentArrayQueue<>(size);
        this.lowWater = lowWater;
    }

    /**
     * A ready code, or null when the pool is empty (counted; the click goes on without a code). Give the slot back
     * with {@link #recycle} once its bytes are copied out.
     */
    public PooledCode take() {
        PooledCode code = ready.poll();
        if (code == null) {
            empty.increment();
            return null;
        }
        taken.increment();
        return code;
    }

    /** Returns a taken slot for the refiller to fill again. */
    public void recycle(PooledCode slot) {
        free.offer(slot);
    }

    /** Adds a code made by the refiller, in a recycled slot when there is one; false when the pool is full. */
    public boolean offer(byte[] code, long storeId) {
        PooledCode slot = free.poll();
        if (slot == null) {
            slot = new PooledCode();
        }
        slot.set(code, storeId);
        if (!ready.offer(slot)) {
            free.offer(slot);
            return false;
        }
        return true;
    }

    /** Room left: what a refill should make. */
    public int room() {
        return ready.capacity() - ready.size();
    }

    /**
     * Whether a refill is due: under the low-water mark, or room for a whole batch of {@code batch} codes (so a store
     * provider makes few, large calls instead of one per code taken).
     */
    public boolean wantsRefill(int batch) {
        return belowLowWater() || room() >= Math.min(batch, capacity() / 2);
    }

    public boolean belowLowWater() {
        return ready.size() < lowWater;
    }

    public int level() {
        return ready.size();
    }

    public int capacity() {
        return ready.capacity();
    }

    public String discountId() {
        return discountId;
    }

    public long taken() {
        return taken.sum();
    }

    /** Coded clicks that found the pool empty. */
    public long emptyTakes() {
        return empty.sum();
    }

    /** Removes every ready code (at shutdown, so the store can retire them). */
    public java.util.List<PooledCode> drain() {
        java.util.List<PooledCode> codes = new java.util.ArrayList<>();
        ready.drain(codes::add);
        return codes;
    }
}

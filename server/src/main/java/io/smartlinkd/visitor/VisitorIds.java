package io.smartlinkd.visitor;

import io.smartlinkd.clickid.SipHash24;

/**
 * New visitor ids: SipHash-2-4 under a secret key of (a random 64-bit seed, a counter). Ids from one generator
 * never repeat (the PRF of distinct inputs), ids of different loops, nodes and restarts differ by their random seeds,
 * and no one without the key can predict the next id from the ones they were given. Costs two SipHash runs per new
 * visitor, no {@code SecureRandom} on the event loop.
 *
 * <p>One per event loop; not thread-safe; allocates nothing.
 */
final class VisitorIds {
    private final long k0;
    private final long k1;
    private final byte[] block = new byte[17];
    private long counter;

    VisitorIds(long k0, long k1, long seed) {
        this.k0 = k0;
        this.k1 = k1;
        for (int i = 0; i < 8; i++) {
            block[i] = (byte) (seed >>> (8 * i));
        }
    }

    /** Writes the next {@value VisitorCookie#ID_BYTES}-byte id into {@code out}. */
    void next(byte[] out) {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            block[8 + i] = (byte) (n >>> (8 * i));
        }
        block[16] = 0;
        long first = SipHash24.hash(k0, k1, block, 0, block.length);
        block[16] = 1;
        long second = SipHash24.hash(k0, k1, block, 0, block.length);
        for (int i = 0; i < 8; i++) {
            out[i] = (byte) (first >>> (8 * i));
        }
        out[8] = (byte) second;
        out[9] = (byte) (second >>> 8);
    }
}

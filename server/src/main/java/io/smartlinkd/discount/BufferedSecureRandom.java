package io.smartlinkd.discount;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.random.RandomGenerator;

/**
 * Random numbers for codes: the bytes come from {@link SecureRandom}, fetched 8 KiB at a time, because one
 * {@code SecureRandom} call per character made code minting the slowest part of refilling a pool. Bounded draws
 * use {@link RandomGenerator}'s unbiased default. One thread only (the pool refiller).
 */
final class BufferedSecureRandom implements RandomGenerator {
    private final SecureRandom source = new SecureRandom();
    private final ByteBuffer buffer = ByteBuffer.allocate(8192);

    BufferedSecureRandom() {
        buffer.position(buffer.limit());
    }

    @Override
    public long nextLong() {
        refillBelow(Long.BYTES);
        return buffer.getLong();
    }

    /** Four bytes, not the default's eight. */
    @Override
    public int nextInt() {
        refillBelow(Integer.BYTES);
        return buffer.getInt();
    }

    /**
     * A code character is one draw below the alphabet's size: for bounds up to 256 one byte per draw, rejecting the
     * top {@code 256 % bound} values so every result stays equally likely (about 1.03 bytes for 31 characters, not
     * four). {@code SecureRandom} allocates in proportion to the bytes it makes, and the refill thread's garbage
     * is what starts collections on a server whose click loops allocate nothing.
     */
    @Override
    public int nextInt(int bound) {
        if (bound <= 0 || bound > 256) {
            return RandomGenerator.super.nextInt(bound);
        }
        int limit = 256 - 256 % bound;
        while (true) {
            refillBelow(1);
            int value = buffer.get() & 0xFF;
            if (value < limit) {
                return value % bound;
            }
        }
    }

    private void refillBelow(int bytes) {
        if (buffer.remaining() < bytes) {
            source.nextBytes(buffer.array());
            buffer.clear();
        }
    }
}

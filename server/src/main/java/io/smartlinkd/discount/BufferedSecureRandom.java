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

    /** Four bytes, not the default's eight: a code character is one bounded int draw. */
    @Override
    public int nextInt() {
        refillBelow(Integer.BYTES);
        return buffer.getInt();
    }

    private void refillBelow(int bytes) {
        if (buffer.remaining() < bytes) {
            source.nextBytes(buffer.array());
            buffer.clear();
        }
    }
}

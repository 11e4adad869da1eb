package io.smartlinkd.clickid;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The 128-bit secret that keys click-id MACs ({@link SipHash24}), held as two little-endian words.
 * <p>
 * Comes from an operator secret ({@link #fromSecret(String)}) or from a key file generated once into the data
 * directory ({@link #loadOrCreate(Path)}). Neither {@link #toString()} nor any exception message reveals the key.
 * <p>
 * Immutable and thread-safe. Only the factory methods allocate.
 */
public final class ClickIdKey {
    /** Key length in bytes. */
    public static final int LENGTH_BYTES = 16;
    /** Shortest secret {@link #fromSecret(String)} accepts. */
    public static final int MIN_SECRET_CHARS = 16;

    private static final byte[] EMPTY = new byte[0];

    private final long k0;
    private final long k1;

    private ClickIdKey(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    /**
     * A key from its 16 raw bytes, in the byte order of the SipHash reference (bytes 0..7 form {@code k0}).
     *
     * @throws IllegalArgumentException if {@code key} is not exactly 16 bytes
     */
    public static ClickIdKey fromBytes(byte[] key) {
        if (key == null || key.length != LENGTH_BYTES) {
            throw new IllegalArgumentException("click id key must be exactly " + LENGTH_BYTES + " bytes");
        }
        return new ClickIdKey(littleEndianWord(key, 0), littleEndianWord(key, 8));
    }

    /**
     * Derives a key from an operator secret: the first 16 bytes of SHA-256 over its UTF-8 bytes.
     * The same secret gives the same key on every node, so ids minted by one node verify on all.
     *
     * @throws IllegalArgumentException if the secret is missing or shorter than {@value #MIN_SECRET_CHARS}
     *                                  characters; the message never contains the secret
     */
    public static ClickIdKey fromSecret(String secret) {
        if (secret == null) {
            throw new IllegalArgumentException("click id secret is missing");
        }
        if (secret.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException(
                    "click id secret is too short: it must be at least " + MIN_SECRET_CHARS + " characters");
        }
        final MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
        byte[] digest = sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
        return new ClickIdKey(littleEndianWord(digest, 0), littleEndianWord(digest, 8));
    }

    /**
     * Reads the key from {@code file} (32 hex characters), or, if there is no such file, generates a random key and
     * writes it there atomically, readable by the owner only where the file system has POSIX permissions.
     * Blocking file I/O: call at start-up, never on an event loop.
     *
     * @throws IOException if the file cannot be read or written, or does not hold 32 hex characters
     */
    public static ClickIdKey loadOrCreate(Path file) throws IOException {
        return ClickIdKeyFile.loadOrCreate(file);
    }

    /**
     * A 64-bit key word for another purpose, derived from this key: SipHash-2-4 of {@code label} (UTF-8) under this
     * key. Distinct labels give independent words, so the one secret that all nodes share can also key, say, the
     * visitor cookie MAC without a second secret to distribute; the words reveal nothing about this key.
     */
    public long derive(String label) {
        byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
        return SipHash24.hash(k0, k1, bytes, 0, bytes.length);
    }

    /** The 16 key bytes; for {@link ClickIdKeyFile} only. */
    byte[] toBytes() {
        byte[] bytes = new byte[LENGTH_BYTES];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (k0 >>> (8 * i));
            bytes[8 + i] = (byte) (k1 >>> (8 * i));
        }
        return bytes;
    }

    long k0() {
        return k0;
    }

    long k1() {
        return k1;
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof ClickIdKey)) {
            return false;
        }
        ClickIdKey that = (ClickIdKey) other;
        return ((k0 ^ that.k0) | (k1 ^ that.k1)) == 0;
    }

    /** A PRF output of a fixed input, so it leaks nothing about the key bits. */
    @Override
    public int hashCode() {
        return (int) SipHash24.hash(k0, k1, EMPTY, 0, 0);
    }

    @Override
    public String toString() {
        return "ClickIdKey[***]";
    }

    private static long littleEndianWord(byte[] bytes, int offset) {
        long word = 0;
        for (int i = 7; i >= 0; i--) {
            word = (word << 8) | (bytes[offset + i] & 0xffL);
        }
        return word;
    }
}

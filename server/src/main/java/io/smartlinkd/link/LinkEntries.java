package io.smartlinkd.link;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The compiled link records of one config generation, in the order compiled, spilled to a scratch file when large,
 * with what sizing and naming their {@link LinkTable} needs: count, key and record bytes, and a fingerprint of the
 * content. Write with {@link #add}, then read with {@link #forEach}; close to delete the scratch file.
 */
public final class LinkEntries implements AutoCloseable {
    /** Receives one entry; the arrays are reused, valid only during the call. */
    public interface EntryConsumer {
        void accept(byte[] key, int keyLength, byte[] record, int recordLength);
    }

    private final SpillBuffer buffer;
    private final MessageDigest digest;
    private long count;
    private long keyBytes;
    private long recordBytes;
    private String fingerprint;

    public LinkEntries(Path scratchDir) {
        this(scratchDir, SpillBuffer.DEFAULT_IN_MEMORY_BYTES);
    }

    LinkEntries(Path scratchDir, int inMemoryBytes) {
        this.buffer = new SpillBuffer(scratchDir, inMemoryBytes);
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        digest.update((byte) LinkRecordFormat.VERSION);
    }

    public void add(byte[] key, byte[] record) {
        if (fingerprint != null) {
            throw new IllegalStateException("entries are complete");
        }
        try {
            buffer.out().writeInt(key.length);
            buffer.out().write(key);
            buffer.out().writeInt(record.length);
            buffer.out().write(record);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill link records: " + e.getMessage(), e);
        }
        digest.update(intBytes(key.length));
        digest.update(key);
        digest.update(intBytes(record.length));
        digest.update(record);
        count++;
        keyBytes += key.length;
        recordBytes += record.length;
    }

    public long count() {
        return count;
    }

    public long keyBytes() {
        return keyBytes;
    }

    public long recordBytes() {
        return recordBytes;
    }

    /** A name for this content: equal entries, in the same order, give the same fingerprint. Ends writing. */
    public String fingerprint() {
        if (fingerprint == null) {
            fingerprint = HexFormat.of().formatHex(digest.digest(), 0, 12);
        }
        return fingerprint;
    }

    /** Reads every entry back, in the order added. */
    public void forEach(EntryConsumer each) {
        byte[] key = new byte[64];
        byte[] record = new byte[256];
        try (DataInputStream in = buffer.in()) {
            for (long i = 0; i < count; i++) {
                int keyLength = in.readInt();
                key = room(key, keyLength);
                in.readFully(key, 0, keyLength);
                int recordLength = in.readInt();
                record = room(record, recordLength);
                in.readFully(record, 0, recordLength);
                each.accept(key, keyLength, record, recordLength);
            }
        } catch (EOFException e) {
            throw new IllegalStateException("link records were cut short", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read link records back: " + e.getMessage(), e);
        }
    }

    /** The record stored under {@code key}, or null; a scan, for tools and tests. */
    public byte[] recordOf(byte[] key) {
        byte[][] found = new byte[1][];
        forEach((keyBytes, keyLength, record, recordLength) -> {
            if (found[0] == null && java.util.Arrays.equals(keyBytes, 0, keyLength, key, 0, key.length)) {
                found[0] = java.util.Arrays.copyOf(record, recordLength);
            }
        });
        return found[0];
    }

    private static byte[] room(byte[] array, int length) {
        return array.length >= length ? array : new byte[Math.max(length, array.length * 2)];
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    @Override
    public void close() {
        buffer.close();
    }
}

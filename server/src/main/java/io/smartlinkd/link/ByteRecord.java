package io.smartlinkd.link;

import java.util.Arrays;

/**
 * A reusable, growable byte buffer used as a Chronicle Map key or value, so that lookups copy into memory the
 * caller already owns instead of allocating. Not thread-safe: each event loop owns its own instances.
 */
public final class ByteRecord {
    private byte[] bytes;
    private int length;

    public ByteRecord(int initialCapacity) {
        bytes = new byte[Math.max(16, initialCapacity)];
    }

    public static ByteRecord copyOf(byte[] source) {
        ByteRecord record = new ByteRecord(source.length);
        System.arraycopy(source, 0, record.bytes, 0, source.length);
        record.length = source.length;
        return record;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public void clear() {
        length = 0;
    }

    /** Makes room for {@code newLength} bytes and sets the length; existing content up to the old length is kept. */
    public byte[] resize(int newLength) {
        if (newLength > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(newLength, bytes.length * 2));
        }
        length = newLength;
        return bytes;
    }

    public void append(byte b) {
        resize(length + 1)[length - 1] = b;
    }

    public void append(byte[] source, int offset, int count) {
        int at = length;
        System.arraycopy(source, offset, resize(length + count), at, count);
    }

    /** Appends the low byte of each char; callers pass ASCII only. */
    public void appendAscii(CharSequence text, int start, int end) {
        int at = length;
        byte[] target = resize(length + end - start);
        for (int i = start; i < end; i++) {
            target[at++] = (byte) text.charAt(i);
        }
    }

    public void appendShort(int value) {
        append((byte) (value >>> 8));
        append((byte) value);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(bytes, length);
    }

    public boolean contentEquals(ByteRecord other) {
        return Arrays.equals(bytes, 0, length, other.bytes, 0, other.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ByteRecord && contentEquals((ByteRecord) other);
    }

    @Override
    public int hashCode() {
        int hash = 1;
        for (int i = 0; i < length; i++) {
            hash = 31 * hash + bytes[i];
        }
        return hash;
    }
}

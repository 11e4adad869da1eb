package io.smartlinkd.text;

import java.nio.charset.StandardCharsets;

/**
 * A {@link CharSequence} over a range of a byte array, one char per byte (ISO-8859-1, as HTTP/1.1 header fields are
 * read): a flyweight re-pointed with {@link #wrap} instead of building a {@link String} per request. The bytes are
 * not copied, so the view is only as stable as the array behind it.
 *
 * <p>Not thread-safe; {@link #wrap} allocates nothing. {@link #toString()} and {@link #subSequence} copy and are for
 * tests, logs and rare paths only.
 */
public final class ByteChars implements CharSequence {
    private byte[] bytes;
    private int offset;
    private int length;

    /** Points the view at {@code bytes[offset, offset + length)}; returns this. */
    public ByteChars wrap(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        return this;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public char charAt(int index) {
        if (index < 0 || index >= length) {
            throw new IndexOutOfBoundsException(index);
        }
        return (char) (bytes[offset + index] & 0xFF);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        if (start < 0 || end > length || start > end) {
            throw new IndexOutOfBoundsException("[" + start + ", " + end + ") of " + length);
        }
        return new ByteChars().wrap(bytes, offset + start, end - start);
    }

    /** Whether the chars equal {@code text}'s exactly. */
    public boolean contentEquals(CharSequence text) {
        if (text.length() != length) {
            return false;
        }
        for (int i = 0; i < length; i++) {
            if ((bytes[offset + i] & 0xFF) != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return new String(bytes, offset, length, StandardCharsets.ISO_8859_1);
    }
}

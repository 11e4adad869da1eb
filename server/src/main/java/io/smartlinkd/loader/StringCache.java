package io.smartlinkd.loader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The String for a short byte range of a journal record, remembered so that the values that repeat from click to
 * click (domain, link id, slug, partner, country, truncated IP) are decoded once instead of on every row. A
 * direct-mapped table: the bytes hash to one slot, a slot holds the last bytes that hashed there and their String.
 * A hit allocates nothing; a miss allocates the String (as decoding without a cache would) and a copy of the key.
 * One thread.
 */
final class StringCache {
    /** Longer values are rarely repeated (free-text sub ids): decoded every time, not cached. */
    static final int MAX_KEY_BYTES = 64;

    /** How the bytes become a String. */
    enum Decoding { UTF8, HEX }

    private final Decoding decoding;
    private final byte[][] keys;
    private final String[] values;
    private final int mask;
    private final byte[] scratch = new byte[Math.max(256, MAX_KEY_BYTES * 2)];

    /** @param slots a power of two */
    StringCache(Decoding decoding, int slots) {
        if (Integer.bitCount(slots) != 1) {
            throw new IllegalArgumentException("slots must be a power of two, not " + slots);
        }
        this.decoding = decoding;
        this.keys = new byte[slots][];
        this.values = new String[slots];
        this.mask = slots - 1;
    }

    /** The String of {@code length} bytes of {@code buffer} at absolute offset {@code at}. */
    String get(ByteBuffer buffer, int at, int length) {
        if (length == 0) {
            return "";
        }
        if (length > MAX_KEY_BYTES) {
            return decode(buffer, at, length);
        }
        int hash = 0x811C9DC5;
        for (int i = 0; i < length; i++) {
            hash = (hash ^ buffer.get(at + i)) * 0x01000193;
        }
        int slot = (hash ^ (hash >>> 16)) & mask;
        byte[] key = keys[slot];
        if (key != null && key.length == length && sameBytes(key, buffer, at)) {
            return values[slot];
        }
        byte[] copy = new byte[length];
        buffer.get(at, copy, 0, length);
        String value = decode(buffer, at, length);
        keys[slot] = copy;
        values[slot] = value;
        return value;
    }

    private static boolean sameBytes(byte[] key, ByteBuffer buffer, int at) {
        for (int i = 0; i < key.length; i++) {
            if (key[i] != buffer.get(at + i)) {
                return false;
            }
        }
        return true;
    }

    private String decode(ByteBuffer buffer, int at, int length) {
        if (decoding == Decoding.UTF8) {
            byte[] bytes = length <= scratch.length ? scratch : new byte[length];
            buffer.get(at, bytes, 0, length);
            return new String(bytes, 0, length, StandardCharsets.UTF_8);
        }
        byte[] text = length * 2 <= scratch.length ? scratch : new byte[length * 2];
        for (int i = 0; i < length; i++) {
            byte b = buffer.get(at + i);
            text[2 * i] = ClickLabels.hexDigit((b >> 4) & 0xF);
            text[2 * i + 1] = ClickLabels.hexDigit(b & 0xF);
        }
        return new String(text, 0, length * 2, StandardCharsets.US_ASCII);
    }
}

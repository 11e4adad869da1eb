package io.smartlinkd.link;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An immutable open-addressing map from ASCII names to ints, looked up by a region of a CharSequence so a request
 * can be matched without creating a substring. Thread-safe once built (read-only).
 */
public final class AsciiIndex {
    public static final int MISSING = -1;

    private final byte[][] keys;
    private final int[] values;
    private final int mask;
    private final boolean ignoreCase;

    /** @param names index i maps to value i; names must be distinct (after case folding when ignoreCase) */
    public AsciiIndex(List<String> names, int[] valuesByName, boolean ignoreCase) {
        this.ignoreCase = ignoreCase;
        int capacity = Integer.highestOneBit(Math.max(4, names.size() * 2 - 1)) << 1;
        keys = new byte[capacity][];
        values = new int[capacity];
        mask = capacity - 1;
        for (int i = 0; i < names.size(); i++) {
            String name = ignoreCase ? names.get(i).toLowerCase(java.util.Locale.ROOT) : names.get(i);
            byte[] key = name.getBytes(StandardCharsets.US_ASCII);
            int slot = hash(name, 0, name.length()) & mask;
            while (keys[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[slot] = key;
            values[slot] = valuesByName[i];
        }
    }

    public int get(CharSequence text, int start, int end) {
        int slot = hash(text, start, end) & mask;
        while (true) {
            byte[] key = keys[slot];
            if (key == null) {
                return MISSING;
            }
            if (matches(key, text, start, end)) {
                return values[slot];
            }
            slot = (slot + 1) & mask;
        }
    }

    private boolean matches(byte[] key, CharSequence text, int start, int end) {
        if (key.length != end - start) {
            return false;
        }
        for (int i = 0; i < key.length; i++) {
            if (key[i] != fold(text.charAt(start + i))) {
                return false;
            }
        }
        return true;
    }

    private int hash(CharSequence text, int start, int end) {
        int hash = 0x811C9DC5;
        for (int i = start; i < end; i++) {
            hash = (hash ^ fold(text.charAt(i))) * 0x01000193;
        }
        return hash ^ (hash >>> 16);
    }

    private int fold(char c) {
        if (ignoreCase && c >= 'A' && c <= 'Z') {
            return c + 32;
        }
        return c > 0x7F ? -1 : c;
    }
}

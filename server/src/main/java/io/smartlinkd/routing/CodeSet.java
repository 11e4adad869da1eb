package io.smartlinkd.routing;

import java.util.List;
import java.util.function.IntFunction;

/**
 * An immutable set of small non-negative ints (country indexes, device, OS and browser codes) as a bitset.
 * {@link #contains} is one array read; allocation-free.
 */
final class CodeSet {
    private final long[] words;
    private final int[] members;

    private CodeSet(long[] words, int[] members) {
        this.words = words;
        this.members = members;
    }

    static CodeSet of(int[] codes) {
        int max = 0;
        for (int code : codes) {
            if (code < 0) {
                throw new IllegalArgumentException("negative code " + code);
            }
            max = Math.max(max, code);
        }
        long[] words = new long[(max >>> 6) + 1];
        for (int code : codes) {
            words[code >>> 6] |= 1L << code;
        }
        return new CodeSet(words, codes.clone());
    }

    static CodeSet of(List<String> names, java.util.function.ToIntFunction<String> code) {
        return of(names.stream().mapToInt(code).toArray());
    }

    boolean contains(int code) {
        int word = code >>> 6;
        return code >= 0 && word < words.length && (words[word] & (1L << code)) != 0;
    }

    /** The members named for explain output. */
    String describe(IntFunction<String> name) {
        StringBuilder text = new StringBuilder("[");
        for (int i = 0; i < members.length; i++) {
            text.append(i == 0 ? "" : ", ").append(name.apply(members[i]));
        }
        return text.append(']').toString();
    }
}

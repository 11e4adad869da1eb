package io.smartlinkd.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds many ASCII keywords in one pass over a text, case-insensitively: an Aho-Corasick automaton compiled into a
 * dense transition table, so each char costs two array reads and no branch on the keywords. Immutable and
 * thread-safe once built; stepping allocates nothing.
 *
 * <p>Chars are folded to lower case and mapped to a small alphabet of the chars the keywords use; every other char
 * (including all non-ASCII) is one "elsewhere" class that no keyword contains. A keyword is reported at the state
 * where it ends, also when it ends inside a longer keyword (outputs follow the failure links).
 */
final class TokenAutomaton {
    static final int ROOT = 0;
    private static final int ASCII = 128;
    private static final int[] NONE = {};

    private final byte[] classOf;
    private final int classes;
    private final int[] next;
    private final int[][] outputs;

    private TokenAutomaton(byte[] classOf, int classes, int[] next, int[][] outputs) {
        this.classOf = classOf;
        this.classes = classes;
        this.next = next;
        this.outputs = outputs;
    }

    /**
     * @param keywords printable ASCII, not empty; keyword {@code i} is reported as output {@code i}
     * @throws IllegalArgumentException for an empty keyword or one that is not printable ASCII
     */
    static TokenAutomaton of(List<String> keywords) {
        byte[] classOf = alphabet(keywords);
        int classes = 1;
        for (byte c : classOf) {
            classes = Math.max(classes, c + 1);
        }
        // The trie, as growable lists; then failure links breadth first, which also completes the transitions.
        List<int[]> gotos = new ArrayList<>();
        List<int[]> outs = new ArrayList<>();
        gotos.add(newRow(classes));
        outs.add(NONE);
        for (int id = 0; id < keywords.size(); id++) {
            int state = ROOT;
            for (char c : keywords.get(id).toLowerCase(Locale.ROOT).toCharArray()) {
                int cls = classOf[c];
                if (gotos.get(state)[cls] < 0) {
                    gotos.get(state)[cls] = gotos.size();
                    gotos.add(newRow(classes));
                    outs.add(NONE);
                }
                state = gotos.get(state)[cls];
            }
            outs.set(state, append(outs.get(state), id));
        }
        int states = gotos.size();
        int[] next = new int[states * classes];
        int[] fail = new int[states];
        int[][] outputs = outs.toArray(new int[0][]);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int cls = 0; cls < classes; cls++) {
            int child = gotos.get(ROOT)[cls];
            next[cls] = child < 0 ? ROOT : child;
            if (child > 0) {
                fail[child] = ROOT;
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            outputs[state] = merge(outputs[state], outputs[fail[state]]);
            for (int cls = 0; cls < classes; cls++) {
                int child = gotos.get(state)[cls];
                int viaFail = next[fail[state] * classes + cls];
                if (child < 0) {
                    next[state * classes + cls] = viaFail;
                } else {
                    next[state * classes + cls] = child;
                    fail[child] = viaFail;
                    queue.add(child);
                }
            }
        }
        return new TokenAutomaton(classOf, classes, next, outputs);
    }

    int states() {
        return outputs.length;
    }

    /** The state after reading {@code c} in {@code state}. */
    int step(int state, char c) {
        return next[state * classes + (c < ASCII ? classOf[c] : 0)];
    }

    /** Ids of the keywords that end at this state; shared, do not modify. */
    int[] outputs(int state) {
        return outputs[state];
    }

    private static byte[] alphabet(List<String> keywords) {
        byte[] classOf = new byte[ASCII];
        int classes = 1;
        for (String keyword : keywords) {
            if (keyword.isEmpty()) {
                throw new IllegalArgumentException("empty keyword");
            }
            for (char c : keyword.toLowerCase(Locale.ROOT).toCharArray()) {
                if (c < ' ' || c >= 127) {
                    throw new IllegalArgumentException("keyword is not printable ASCII: " + keyword);
                }
                if (classOf[c] == 0) {
                    classOf[c] = (byte) classes++; // at most 70 classes: printable ASCII folded to lower case
                }
            }
        }
        // Upper-case letters read as their lower-case class.
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[Character.toLowerCase(c)];
        }
        return classOf;
    }

    private static int[] newRow(int classes) {
        int[] row = new int[classes];
        Arrays.fill(row, -1);
        return row;
    }

    private static int[] append(int[] ids, int id) {
        int[] longer = Arrays.copyOf(ids, ids.length + 1);
        longer[ids.length] = id;
        return longer;
    }

    private static int[] merge(int[] own, int[] inherited) {
        if (inherited.length == 0) {
            return own;
        }
        if (own.length == 0) {
            return inherited;
        }
        int[] merged = Arrays.copyOf(own, own.length + inherited.length);
        System.arraycopy(inherited, 0, merged, own.length, inherited.length);
        return merged;
    }
}

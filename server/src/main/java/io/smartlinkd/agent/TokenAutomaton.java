package io.smartlinkd.agent;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Finds many ASCII keywords in one pass over a text, case-insensitively: an Aho-Corasick automaton compiled into a
 * dense transition table. Immutable and thread-safe once built; stepping allocates nothing.
 *
 * <p>Implementation note. Chars are folded to lower case and mapped to a small alphabet; every char outside it
 * (including all non-ASCII) is one "elsewhere" class that no keyword contains. Rows of the table are padded to a
 * power of two and a transition holds the next row's offset, not its number, so a step is one add and one load on
 * the dependency chain from char to char (no multiply). A keyword is reported at the state where it ends, also when
 * it ends inside a longer keyword (outputs follow the failure links).
 */
final class TokenAutomaton {
    /** The row to start from. */
    static final int ROOT = 0;

    private static final int ASCII = 128;
    private static final int[] NONE = {};

    private final byte[] classOf;
    private final int shift;
    private final int[] next;
    private final int[][] outputs;

    private TokenAutomaton(byte[] classOf, int shift, int[] next, int[][] outputs) {
        this.classOf = classOf;
        this.shift = shift;
        this.next = next;
        this.outputs = outputs;
    }

    /**
     * An exact automaton: its alphabet is the set of chars the keywords use.
     *
     * @param keywords printable ASCII, not empty; keyword {@code i} is reported as output {@code i}
     * @throws IllegalArgumentException for an empty keyword or one that is not printable ASCII
     */
    static TokenAutomaton of(List<String> keywords) {
        byte[] classOf = new byte[ASCII];
        int classes = 1;
        for (String keyword : keywords) {
            for (char c : lowerAscii(keyword).toCharArray()) {
                if (classOf[c] == 0) {
                    classOf[c] = (byte) classes++; // at most 70: printable ASCII folded to lower case
                }
            }
        }
        foldUpperCase(classOf);
        return build(keywords, classOf, classes);
    }

    /**
     * A small automaton for keywords made of letters, space, {@code / ( -} and other punctuation, where all other
     * punctuation is one class: {@code "; wv)"} also finds {@code ". wv_"}. Digits are outside the alphabet. With at
     * most 32 classes a row is two cache lines.
     *
     * @throws IllegalArgumentException for a keyword with a digit or a char that is not printable ASCII
     */
    static TokenAutomaton folded(List<String> keywords) {
        byte[] classOf = new byte[ASCII];
        int classes = 1;
        for (char c = 'a'; c <= 'z'; c++) {
            classOf[c] = (byte) classes++;
        }
        for (char c : new char[] {' ', '/', '(', '-'}) {
            classOf[c] = (byte) classes++;
        }
        byte punctuation = (byte) classes++;
        for (char c = '!'; c < 127; c++) {
            if (classOf[c] == 0 && !Character.isLetterOrDigit(c)) {
                classOf[c] = punctuation;
            }
        }
        foldUpperCase(classOf);
        for (String keyword : keywords) {
            for (char c : lowerAscii(keyword).toCharArray()) {
                if (classOf[c] == 0) {
                    throw new IllegalArgumentException("keyword has a char outside the folded alphabet: " + keyword);
                }
            }
        }
        return build(keywords, classOf, classes);
    }

    int states() {
        return outputs.length;
    }

    /** The row after reading {@code c} in {@code row}. */
    int step(int row, char c) {
        return next[row + (c < ASCII ? classOf[c] : 0)];
    }

    /** The state number of a row, from 0 to {@link #states()} - 1. */
    int state(int row) {
        return row >>> shift;
    }

    /** Ids of the keywords that end at this row's state; shared, do not modify. */
    int[] outputs(int row) {
        return outputs[row >>> shift];
    }

    /** Ids of the keywords that end at a state (by number); shared, do not modify. */
    int[] outputsOfState(int state) {
        return outputs[state];
    }

    private static TokenAutomaton build(List<String> keywords, byte[] classOf, int classes) {
        int shift = Integer.SIZE - Integer.numberOfLeadingZeros(classes - 1);
        int width = 1 << shift;
        // The trie, as growable lists; then failure links breadth first, which also completes the transitions.
        List<int[]> gotos = new ArrayList<>();
        List<int[]> outs = new ArrayList<>();
        gotos.add(newRow(width));
        outs.add(NONE);
        for (int id = 0; id < keywords.size(); id++) {
            int state = 0;
            for (char c : lowerAscii(keywords.get(id)).toCharArray()) {
                int cls = classOf[c];
                if (gotos.get(state)[cls] < 0) {
                    gotos.get(state)[cls] = gotos.size();
                    gotos.add(newRow(width));
                    outs.add(NONE);
                }
                state = gotos.get(state)[cls];
            }
            outs.set(state, append(outs.get(state), id));
        }
        int states = gotos.size();
        int[] next = new int[states << shift]; // state numbers first, row offsets at the end
        int[] fail = new int[states];
        int[][] outputs = outs.toArray(new int[0][]);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int cls = 0; cls < width; cls++) {
            int child = gotos.get(0)[cls];
            next[cls] = Math.max(child, 0);
            if (child > 0) {
                queue.add(child);
            }
        }
        while (!queue.isEmpty()) {
            int state = queue.poll();
            outputs[state] = merge(outputs[state], outputs[fail[state]]);
            for (int cls = 0; cls < width; cls++) {
                int child = gotos.get(state)[cls];
                int viaFail = next[(fail[state] << shift) + cls];
                if (child < 0) {
                    next[(state << shift) + cls] = viaFail;
                } else {
                    next[(state << shift) + cls] = child;
                    fail[child] = viaFail;
                    queue.add(child);
                }
            }
        }
        for (int i = 0; i < next.length; i++) {
            next[i] <<= shift;
        }
        return new TokenAutomaton(classOf, shift, next, outputs);
    }

    private static String lowerAscii(String keyword) {
        if (keyword.isEmpty()) {
            throw new IllegalArgumentException("empty keyword");
        }
        for (int i = 0; i < keyword.length(); i++) {
            char c = keyword.charAt(i);
            if (c < ' ' || c >= 127) {
                throw new IllegalArgumentException("keyword is not printable ASCII: " + keyword);
            }
        }
        return keyword.toLowerCase(Locale.ROOT);
    }

    /** Upper-case letters read as their lower-case class. */
    private static void foldUpperCase(byte[] classOf) {
        for (char c = 'A'; c <= 'Z'; c++) {
            classOf[c] = classOf[Character.toLowerCase(c)];
        }
    }

    private static int[] newRow(int width) {
        int[] row = new int[width];
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

package io.smartlinkd.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Finds, for a regular expression, literal strings one of which occurs in every text it matches, so a cheap
 * multi-keyword scan can rule most expressions out before any regex runs.
 *
 * <p>Conservative by construction: for each top-level alternative it keeps the longest run of plain characters
 * that are outside groups, classes and quantifiers (a char followed by {@code ?}, {@code *} or {@code {} leaves the
 * run). Anything it does not understand ({@code \Q}, back references, an alternative without such a run) means "no
 * literal", and the caller then always runs that expression. Literals are lower-case, for a case-insensitive scan,
 * which can only find more candidates than the case-sensitive regex matches.
 */
final class RegexLiterals {
    /** Shorter literals would select most user agents anyway. */
    static final int MIN_LITERAL_CHARS = 3;

    private RegexLiterals() {
    }

    /** Literals, one of which every match contains; empty when none can be relied on. */
    static List<String> of(String regex) {
        if (hasCommentsFlag(regex)) {
            return List.of(); // (?x) drops whitespace from the pattern: its text is not what it matches
        }
        List<String> literals = new ArrayList<>();
        for (String branch : topLevelBranches(regex)) {
            String literal = longestRun(branch);
            if (literal == null || literal.length() < MIN_LITERAL_CHARS) {
                return List.of();
            }
            literals.add(literal.toLowerCase(Locale.ROOT));
        }
        return literals;
    }

    private static boolean hasCommentsFlag(String regex) {
        for (int i = regex.indexOf("(?"); i >= 0; i = regex.indexOf("(?", i + 2)) {
            for (int j = i + 2; j < regex.length(); j++) {
                char c = regex.charAt(j);
                if (c == 'x') {
                    return true;
                }
                if (!Character.isLetter(c) && c != '-') {
                    break;
                }
            }
        }
        return false;
    }

    /** The regex split at {@code |} outside groups and classes; null entries never occur. */
    private static List<String> topLevelBranches(String regex) {
        List<String> branches = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return List.of(regex); // unclosed: the branch is not understood either
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                branches.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        branches.add(regex.substring(start));
        return branches;
    }

    /** The longest required literal run of one alternative, or null when it holds a construct not understood. */
    private static String longestRun(String branch) {
        String best = "";
        StringBuilder run = new StringBuilder();
        int i = 0;
        while (i < branch.length()) {
            char c = branch.charAt(i);
            int atomEnd;
            boolean literal;
            char value = c;
            if (c == '\\') {
                if (i + 1 >= branch.length()) {
                    return null;
                }
                char escaped = branch.charAt(i + 1);
                if (Character.isLetterOrDigit(escaped)) {
                    // \d \w \s \b \Q \1 \p{..} \x41 ...: a class, an anchor, a reference or a code we do not decode.
                    if (escaped == 'Q' || Character.isDigit(escaped) || escaped == 'k') {
                        return null;
                    }
                    literal = false;
                    atomEnd = escapeEnd(branch, i);
                } else {
                    literal = true;
                    value = escaped;
                    atomEnd = i + 2;
                }
            } else if (c == '[') {
                literal = false;
                atomEnd = closedAt(classEnd(branch, i));
            } else if (c == '(') {
                literal = false;
                atomEnd = closedAt(groupEnd(branch, i));
            } else if (c == '.' || c == '^' || c == '$') {
                literal = false;
                atomEnd = i + 1;
            } else if (c == ')' || c == '?' || c == '*' || c == '+' || c == '{') {
                return null; // a quantifier without an atom: not a pattern we read
            } else {
                literal = c >= ' ' && c < 127;
                atomEnd = i + 1;
            }
            if (atomEnd <= i || atomEnd > branch.length()) {
                return null; // unclosed or cut short: not a pattern we read
            }
            int quantifierEnd = quantifierEnd(branch, atomEnd);
            if (quantifierEnd < 0) {
                return null;
            }
            boolean optional = quantifierEnd > atomEnd && branch.charAt(atomEnd) != '+';
            boolean repeated = quantifierEnd > atomEnd;
            if (literal && !optional) {
                run.append(value);
            }
            if (!literal || repeated) {
                // The run cannot continue past a non-literal atom or a repetition.
                best = longer(best, run);
                run.setLength(0);
            }
            i = quantifierEnd;
        }
        return longer(best, run);
    }

    /** Index after a closing bracket found at {@code close}; -1 when there was none. */
    private static int closedAt(int close) {
        return close < 0 ? -1 : close + 1;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    /** Index after a quantifier starting at {@code i} (with its lazy/possessive suffix); {@code i} when none; -1 bad. */
    private static int quantifierEnd(String regex, int i) {
        if (i >= regex.length()) {
            return i;
        }
        char c = regex.charAt(i);
        int end;
        if (c == '?' || c == '*' || c == '+') {
            end = i + 1;
        } else if (c == '{') {
            end = regex.indexOf('}', i);
            if (end < 0) {
                return -1;
            }
            end++;
        } else {
            return i;
        }
        if (end < regex.length() && (regex.charAt(end) == '?' || regex.charAt(end) == '+')) {
            end++;
        }
        return end;
    }

    /** Index after an escape such as {@code \d}, {@code \p{Lu}}, {@code \x41}, {@code \u0041}. */
    private static int escapeEnd(String regex, int i) {
        char escaped = regex.charAt(i + 1);
        if ((escaped == 'p' || escaped == 'P' || escaped == 'x') && i + 2 < regex.length()
                && regex.charAt(i + 2) == '{') {
            int close = regex.indexOf('}', i + 2);
            return close < 0 ? -1 : close + 1;
        }
        if (escaped == 'x') {
            return i + 4;
        }
        if (escaped == 'u') {
            return i + 6;
        }
        return i + 2;
    }

    /** Index of the {@code ]} closing the class opened at {@code open}; -1 when unclosed. */
    private static int classEnd(String regex, int open) {
        int i = open + 1;
        if (i < regex.length() && regex.charAt(i) == '^') {
            i++;
        }
        if (i < regex.length() && regex.charAt(i) == ']') {
            i++; // a leading ] is a literal
        }
        int depth = 1;
        for (; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                depth++; // Java's nested classes and intersections
            } else if (c == ']' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the {@code )} closing the group opened at {@code open}; -1 when unclosed. */
    private static int groupEnd(String regex, int open) {
        int depth = 0;
        for (int i = open; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = classEnd(regex, i);
                if (i < 0) {
                    return -1;
                }
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}

package io.smartlinkd.agent;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Whether a user agent matches any pattern of a crawler list. About 1,500 regexes, each run only when a literal it
 * requires occurs in the user agent ({@link RegexLiterals}, found for all of them in one {@link TokenAutomaton}
 * pass); the few without a usable literal always run. Background thread only: it allocates (matchers, a bit set).
 * Immutable; safe to share.
 */
final class CrawlerMatcher {
    private final Pattern[] patterns;
    private final TokenAutomaton literals;
    /** For each literal id, the pattern it selects. */
    private final int[] patternOfLiteral;
    private final int[] alwaysRun;

    CrawlerMatcher(List<Pattern> patterns) {
        this.patterns = patterns.toArray(new Pattern[0]);
        List<String> keywords = new ArrayList<>();
        List<Integer> owners = new ArrayList<>();
        List<Integer> always = new ArrayList<>();
        for (int id = 0; id < this.patterns.length; id++) {
            List<String> required = RegexLiterals.of(this.patterns[id].pattern());
            if (required.isEmpty() || !isPrintableAscii(required)) {
                always.add(id);
                continue;
            }
            for (String literal : required) {
                keywords.add(literal);
                owners.add(id);
            }
        }
        this.literals = TokenAutomaton.of(keywords);
        this.patternOfLiteral = owners.stream().mapToInt(Integer::intValue).toArray();
        this.alwaysRun = always.stream().mapToInt(Integer::intValue).toArray();
    }

    int size() {
        return patterns.length;
    }

    /** Patterns that run on every user agent, for lack of a required literal. */
    int alwaysRun() {
        return alwaysRun.length;
    }

    /** The first pattern that matches, or null. */
    Pattern firstMatch(String userAgent) {
        for (int id : alwaysRun) {
            if (patterns[id].matcher(userAgent).find()) {
                return patterns[id];
            }
        }
        BitSet tried = null;
        int state = TokenAutomaton.ROOT;
        for (int i = 0; i < userAgent.length(); i++) {
            state = literals.step(state, userAgent.charAt(i));
            for (int literal : literals.outputs(state)) {
                int id = patternOfLiteral[literal];
                if (tried == null) {
                    tried = new BitSet(patterns.length);
                }
                if (!tried.get(id)) {
                    tried.set(id);
                    if (patterns[id].matcher(userAgent).find()) {
                        return patterns[id];
                    }
                }
            }
        }
        return null;
    }

    boolean matches(String userAgent) {
        return firstMatch(userAgent) != null;
    }

    private static boolean isPrintableAscii(List<String> literals) {
        for (String literal : literals) {
            for (int i = 0; i < literal.length(); i++) {
                if (literal.charAt(i) < ' ' || literal.charAt(i) >= 127) {
                    return false;
                }
            }
        }
        return true;
    }
}

package io.smartlinkd.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class TokenAutomatonTest {
    @Test
    void shouldFindOverlappingAndNestedKeywordsAtTheirEnds() {
        TokenAutomaton automaton = TokenAutomaton.of(List.of("he", "she", "his", "hers"));

        assertEquals(List.of("1@4", "0@4", "3@6"), matches(automaton, "ushers"));
    }

    @Test
    void shouldMatchRegardlessOfCase() {
        TokenAutomaton automaton = TokenAutomaton.of(List.of("Googlebot", "crios/"));

        assertEquals(List.of("0@9", "1@17"), matches(automaton, "GOOGLEBOTx CriOS/1"));
    }

    @Test
    void shouldNeverMatchAcrossANonAsciiChar() {
        TokenAutomaton automaton = TokenAutomaton.of(List.of("bot"));

        assertEquals(List.of(), matches(automaton, "b\u00f6t bo\u0301t"));
        assertEquals(List.of("0@5"), matches(automaton, "\u00e9\u00e9bot"));
    }

    @Test
    void shouldFindWhatANaiveSearchFindsOnRandomText() {
        Random random = new Random(42);
        List<String> keywords = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            keywords.add(randomText(random, 1 + random.nextInt(6)));
        }
        TokenAutomaton automaton = TokenAutomaton.of(keywords);
        for (int round = 0; round < 200; round++) {
            String text = randomText(random, 300);
            TreeSet<String> naive = new TreeSet<>();
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            for (int id = 0; id < keywords.size(); id++) {
                String keyword = keywords.get(id).toLowerCase(java.util.Locale.ROOT);
                for (int at = lower.indexOf(keyword); at >= 0; at = lower.indexOf(keyword, at + 1)) {
                    naive.add(id + "@" + (at + keyword.length()));
                }
            }
            assertEquals(naive, new TreeSet<>(matches(automaton, text)));
        }
    }

    @Test
    void shouldReadAnyPunctuationAsAnyOtherInTheFoldedAlphabetButKeepSpaceSlashParenAndDash() {
        TokenAutomaton automaton = TokenAutomaton.folded(List.of("; wv)", "gsa/"));

        assertEquals(List.of("0@5", "0@11"), matches(automaton, "; wv)_. wv:"));
        assertEquals(List.of(), matches(automaton, ";/wv) gsa( gsa-"));
        assertEquals(List.of("1@4"), matches(automaton, "GSA/1"));
        assertThrows(IllegalArgumentException.class, () -> TokenAutomaton.folded(List.of("x11")));
    }

    @Test
    void shouldRefuseEmptyAndNonAsciiKeywords() {
        assertThrows(IllegalArgumentException.class, () -> TokenAutomaton.of(List.of("")));
        assertThrows(IllegalArgumentException.class, () -> TokenAutomaton.of(List.of("b\u00f6t")));
    }

    /** "id@end" for every keyword occurrence, end exclusive. */
    private static List<String> matches(TokenAutomaton automaton, String text) {
        List<String> found = new ArrayList<>();
        int state = TokenAutomaton.ROOT;
        for (int i = 0; i < text.length(); i++) {
            state = automaton.step(state, text.charAt(i));
            for (int id : automaton.outputs(state)) {
                found.add(id + "@" + (i + 1));
            }
        }
        return found;
    }

    private static String randomText(Random random, int length) {
        String alphabet = "abcAB/ ;(";
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }
}

package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class CodeFormatTest {
    @Test
    void shouldGiveAtLeast64RandomBitsByDefault() {
        assertTrue(CodeFormat.DEFAULT.bits() >= 64, "default bits " + CodeFormat.DEFAULT.bits());
        assertNull(CodeFormat.DEFAULT.problem());
    }

    @Test
    void shouldRefuseFormatsUnder40Bits() {
        // 8 hex digits: 32 bits.
        String problem = new CodeFormat("X-", "0123456789ABCDEF", 8).problem();
        assertTrue(problem.contains("32.0 random bits; at least 40"), problem);
        // 10 hex digits: exactly 40 bits, accepted.
        assertNull(new CodeFormat("X-", "0123456789ABCDEF", 10).problem());
    }

    @Test
    void shouldRefuseAlphabetsCheckoutsCannotTellApart() {
        assertTrue(new CodeFormat("", "ABCabc0123456789", 20).problem().contains("checkouts ignore case"));
        assertTrue(new CodeFormat("", "AABCDEFGH", 20).problem().contains("repeats 'A'"));
        assertTrue(new CodeFormat("sale-", CodeFormat.DEFAULT_ALPHABET, 14).problem().contains("prefix"));
        assertTrue(new CodeFormat("", "A", 60).problem().contains("at least 2"));
        assertTrue(new CodeFormat("", CodeFormat.DEFAULT_ALPHABET, 49).problem().contains("1 to 48"));
    }

    @Test
    void shouldMintCodesOfTheFormat() {
        CodeFormat format = new CodeFormat("SUMMER-", "ABCDEFGHJKMNPQRSTUVWXYZ23456789", 14);
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1_000; i++) {
            String code = new String(format.mint(random), StandardCharsets.US_ASCII);
            assertTrue(code.matches("SUMMER-[A-HJKMNP-Z2-9]{14}"), code);
        }
    }

    @Test
    void shouldNormaliseReportedCodes() {
        assertEquals("SUMMER-ABC", CodeFormat.normalized(" summer-abc "));
        assertNull(CodeFormat.normalized("ABC DEF"));
        assertNull(CodeFormat.normalized(""));
        assertNull(CodeFormat.normalized("A".repeat(49)));
    }
}

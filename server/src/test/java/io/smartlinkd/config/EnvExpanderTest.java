package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(5)
class EnvExpanderTest {
    private final EnvExpander env = new EnvExpander(Map.of("HOST", "shop.example.com", "EMPTY", "",
            "TRICKY", "${HOST}")::get);

    @Test
    void shouldReplaceVariables() {
        assertEquals("https://shop.example.com/", env.expand("https://${HOST}/"));
    }

    @Test
    void shouldUseTheDefaultWhenUnsetOrEmpty() {
        assertEquals("a b", env.expand("${MISSING:-a} ${EMPTY:-b}"));
        assertEquals("", env.expand("${MISSING:-}"));
    }

    @Test
    void shouldKeepAnEmptyValueWithoutDefault() {
        assertEquals("[]", env.expand("[${EMPTY}]"));
    }

    @Test
    void shouldTreatDoubleDollarBraceAsALiteral() {
        assertEquals("${HOST} costs $5 and $$", env.expand("$${HOST} costs $5 and $$"));
    }

    @Test
    void shouldNotExpandSubstitutedValuesAgain() {
        assertEquals("${HOST}", env.expand("${TRICKY}"));
    }

    @Test
    void shouldRefuseAnUnsetVariableWithoutDefault() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.expand("${MISSING}"));
        assertEquals("environment variable MISSING is not set", e.getMessage());
    }

    @Test
    void shouldRefuseAnUnclosedReference() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> env.expand("a ${HOST"));
        assertEquals("unclosed ${ (write $${ for a literal ${)", e.getMessage());
    }
}

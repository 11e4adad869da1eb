package io.smartlinkd.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@org.junit.jupiter.api.Timeout(10)
class LanguagesTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "null", value = {
        "de-DE,de;q=0.9,en;q=0.8         | de",
        "en-US                           | en",
        "fr;q=0.5, DE-ch;q=0.9           | de",
        "*;q=1, es;q=0.1                 | es",
        "en;q=0, pt-BR;q=0.2             | pt",
        "fil-PH                          | fil",
        "de;q=0.8, en;q=0.8              | de",
        "de, en;q=1, fr;q=1.000          | de",
        "en;q=1.000, fr                  | en",
        "es;q=0.999, pt, it              | pt",
        "x-klingon, it                   | it",
        "de;q=abc, nl                    | nl",
        "'  sv  ;  q=0.7 '               | sv",
        "''                              | null",
        "*                               | null",
        "null                            | null",
    })
    void shouldPickThePrimaryTagOfThePreferredLanguage(String header, String expected) {
        int packed = Languages.primary(header);
        assertEquals(expected == null ? Languages.NONE : Languages.pack(expected), packed, header);
        assertEquals(expected == null ? "" : expected, Languages.unpack(packed));
    }

    @Test
    void shouldPackTwoAndThreeLetterTagsAndRefuseOthers() {
        assertEquals(('d' << 16) | ('e' << 8), Languages.pack("DE"));
        assertEquals(('f' << 16) | ('i' << 8) | 'l', Languages.pack("fil"));
        assertEquals(Languages.NONE, Languages.pack("d"));
        assertEquals(Languages.NONE, Languages.pack("de-AT"));
        assertEquals(Languages.NONE, Languages.pack("d3"));
    }
}

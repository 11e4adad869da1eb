package io.smartlinkd.visitor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class VisitorCookieTest {
    private static final VisitorCookie COOKIE = new VisitorCookie(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);
    private static final byte[] ID = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    private static String encode(VisitorCookie codec, byte[] id, int visits) {
        byte[] text = new byte[VisitorCookie.TEXT_CHARS];
        codec.encode(id, visits, new byte[VisitorCookie.RAW_BYTES], text, 0);
        return new String(text, StandardCharsets.US_ASCII);
    }

    private static int decode(String value, byte[] id) {
        return COOKIE.decode(value, 0, value.length(), new byte[VisitorCookie.RAW_BYTES], id);
    }

    @Test
    void shouldRoundTripIdAndVisits() {
        for (int visits : new int[] {0, 1, 2, 255, 256, 65_534, 65_535}) {
            String value = encode(COOKIE, ID, visits);
            assertEquals(VisitorCookie.TEXT_CHARS, value.length());
            assertTrue(value.matches("[A-Za-z0-9_-]{28}"), value);
            byte[] id = new byte[VisitorCookie.ID_BYTES];
            assertEquals(visits, decode(value, id));
            assertArrayEquals(ID, id);
        }
    }

    @Test
    void shouldSaturateTheVisitCount() {
        assertEquals(65_535, decode(encode(COOKIE, ID, 1_000_000), new byte[10]));
        assertEquals(0, decode(encode(COOKIE, ID, -5), new byte[10]));
    }

    @Test
    void shouldRejectEverySingleCharacterChange() {
        String value = encode(COOKIE, ID, 7);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        byte[] id = new byte[VisitorCookie.ID_BYTES];
        for (int at = 0; at < value.length(); at++) {
            for (int c = 0; c < alphabet.length(); c++) {
                if (alphabet.charAt(c) == value.charAt(at)) {
                    continue;
                }
                String tampered = value.substring(0, at) + alphabet.charAt(c) + value.substring(at + 1);
                assertEquals(-1, decode(tampered, id), tampered);
            }
        }
    }

    @Test
    void shouldRejectEveryFlippedBitOfTheMac() {
        // Bits of the MAC's first and last bytes alike: the comparison has no early exit to tell them apart.
        byte[] raw = new byte[VisitorCookie.RAW_BYTES];
        byte[] text = new byte[VisitorCookie.TEXT_CHARS];
        COOKIE.encode(ID, 3, raw, text, 0);
        for (int bit = 13 * 8; bit < VisitorCookie.RAW_BYTES * 8; bit++) {
            byte[] flipped = raw.clone();
            flipped[bit >>> 3] ^= (byte) (1 << (bit & 7));
            io.smartlinkd.clickid.Base64Url.encode(flipped, 0, flipped.length, text, 0);
            assertEquals(-1, decode(new String(text, StandardCharsets.US_ASCII), new byte[10]), "bit " + bit);
        }
    }

    @Test
    void shouldRejectTruncatedExtendedAndForeignValues() {
        String value = encode(COOKIE, ID, 7);
        byte[] id = new byte[VisitorCookie.ID_BYTES];
        assertEquals(-1, decode(value.substring(0, 27), id));
        assertEquals(-1, decode(value.substring(0, 24), id));
        assertEquals(-1, decode(value + "A", id));
        assertEquals(-1, decode(value + "AAAA", id));
        assertEquals(-1, decode("", id));
        assertEquals(-1, decode(value.replace(value.charAt(3), '='), id));
        assertEquals(-1, decode(value.substring(0, 27) + "é", id));
        VisitorCookie otherKey = new VisitorCookie(1, 2);
        assertEquals(-1, decode(encode(otherKey, ID, 7), id), "signed by another key");
        assertArrayEquals(new byte[VisitorCookie.ID_BYTES], id, "the id is only written for a valid value");
    }

    @Test
    void shouldRejectAnotherVersionEvenWithItsValidMac() {
        byte[] raw = new byte[VisitorCookie.RAW_BYTES];
        byte[] text = new byte[VisitorCookie.TEXT_CHARS];
        COOKIE.encode(ID, 3, raw, text, 0);
        raw[0] = 2;
        long mac = io.smartlinkd.clickid.SipHash24.hash(0x0706050403020100L, 0x0f0e0d0c0b0a0908L, raw, 0, 13);
        for (int i = 0; i < 8; i++) {
            raw[13 + i] = (byte) (mac >>> (8 * i));
        }
        io.smartlinkd.clickid.Base64Url.encode(raw, 0, raw.length, text, 0);
        assertEquals(-1, decode(new String(text, StandardCharsets.US_ASCII), new byte[10]));
    }

    @Test
    void shouldGiveDistinctIdsFromOneGeneratorAndAcrossSeeds() {
        Set<String> seen = new HashSet<>();
        byte[] id = new byte[VisitorCookie.ID_BYTES];
        for (long seed = 0; seed < 4; seed++) {
            VisitorIds ids = new VisitorIds(11, 22, seed);
            for (int i = 0; i < 10_000; i++) {
                ids.next(id);
                assertTrue(seen.add(java.util.HexFormat.of().formatHex(id)));
            }
        }
    }
}

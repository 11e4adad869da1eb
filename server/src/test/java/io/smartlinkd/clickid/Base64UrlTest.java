package io.smartlinkd.clickid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class Base64UrlTest {
    @Test
    void shouldEncodeLikeTheJdkUrlEncoderWithoutPadding() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[3 * random.nextInt(12)];
            random.nextBytes(bytes);
            byte[] text = new byte[bytes.length / 3 * 4];
            Base64Url.encode(bytes, 0, bytes.length, text, 0);
            assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes),
                    new String(text, StandardCharsets.US_ASCII));
        }
    }

    @Test
    void shouldDecodeWhatItEncodes() {
        SplittableRandom random = new SplittableRandom(8);
        for (int i = 0; i < 10_000; i++) {
            byte[] bytes = new byte[27];
            random.nextBytes(bytes);
            byte[] text = new byte[36];
            Base64Url.encode(bytes, 0, bytes.length, text, 0);
            byte[] decoded = new byte[27];
            assertTrue(Base64Url.decode(new String(text, StandardCharsets.US_ASCII), 0, 36, decoded, 0));
            assertArrayEquals(bytes, decoded);
        }
    }

    @Test
    void shouldRejectEveryCharacterOutsideTheUrlSafeAlphabet() {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        byte[] out = new byte[3];
        for (char c = 0; c < 0x400; c++) {
            boolean expected = alphabet.indexOf(c) >= 0;
            assertEquals(expected, Base64Url.decode("AA" + c + "A", 0, 4, out, 0), "char " + (int) c);
        }
        // A char whose low byte is a valid character must not be truncated into it.
        assertFalse(Base64Url.decode("AA\u0141A", 0, 4, out, 0));
        assertFalse(Base64Url.decode("AA\uff21A", 0, 4, out, 0));
    }
}

package io.smartlinkd.clickid;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.AsciiString;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class ClickIdVerifierTest {
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final ClickIdKey OLD_KEY = ClickIdKey.fromSecret("the key before the rotation");
    private static final ClickIdKey NEW_KEY = ClickIdKey.fromSecret("the key after the rotation!");
    private static final long NOW_MS = 1_767_225_600_000L;

    private final ClickIdMinter oldMinter = new ClickIdMinter(OLD_KEY, 12, 2);
    private final ClickIdMinter newMinter = new ClickIdMinter(NEW_KEY, 12, 2);
    private final ClickIdVerifier verifier = new ClickIdVerifier(NEW_KEY);

    @Test
    void shouldAcceptAFreshIdAsStringBuilderAndAsciiString() {
        String text = newMinter.mintString(NOW_MS, 77, 3);
        ClickId id = verifier.verify(text);
        assertNotNull(id);
        assertEquals(id, verifier.verify(new StringBuilder(text)));
        assertEquals(id, verifier.verify(new AsciiString(text)));
    }

    @Test
    void shouldRejectEverySingleCharacterChange() {
        String text = newMinter.mintString(NOW_MS, 77, 3);
        char[] chars = text.toCharArray();
        int tried = 0;
        for (int position = 0; position < chars.length; position++) {
            char original = chars[position];
            for (int i = 0; i < ALPHABET.length(); i++) {
                char replacement = ALPHABET.charAt(i);
                if (replacement == original) {
                    continue;
                }
                chars[position] = replacement;
                assertNull(verifier.verify(new String(chars)), "position " + position + " -> " + replacement);
                tried++;
            }
            chars[position] = original;
        }
        assertEquals(36 * 63, tried);
        assertNotNull(verifier.verify(new String(chars)));
    }

    @Test
    void shouldRejectEverySingleBitFlipOfTheBinaryId() {
        String text = newMinter.mintString(NOW_MS, 77, 3);
        byte[] bytes = Base64.getUrlDecoder().decode(text);
        assertEquals(27, bytes.length);
        for (int bit = 0; bit < 8 * bytes.length; bit++) {
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
            assertNull(verifier.verify(encode(bytes)), "bit " + bit);
            bytes[bit / 8] ^= (byte) (1 << (bit % 8));
        }
        assertNotNull(verifier.verify(encode(bytes)));
    }

    @Test
    void shouldRejectTruncatedAndExtendedIds() {
        String text = newMinter.mintString(NOW_MS, 77, 3);
        for (int length = 0; length < text.length(); length++) {
            assertNull(verifier.verify(text.substring(0, length)), "prefix " + length);
            assertNull(verifier.verify(text.substring(text.length() - length)), "suffix " + length);
        }
        for (int i = 0; i < ALPHABET.length(); i++) {
            assertNull(verifier.verify(text + ALPHABET.charAt(i)));
            assertNull(verifier.verify(ALPHABET.charAt(i) + text));
        }
        assertNull(verifier.verify(text + text));
        assertNull(verifier.verify(text + " "));
        assertNull(verifier.verify(text + "\n"));
    }

    @Test
    void shouldRejectPaddingAndTheStandardBase64Alphabet() {
        String text = newMinter.mintString(NOW_MS, 77, 3);
        assertNull(verifier.verify(text + "=="));
        assertNull(verifier.verify(text.substring(0, 35) + "="));
        String minus = mintContaining('-');
        assertNull(verifier.verify(minus.replace('-', '+')));
        String underscore = mintContaining('_');
        assertNull(verifier.verify(underscore.replace('_', '/')));
    }

    @Test
    void shouldRejectIdMintedWithAnotherKey() {
        assertNull(verifier.verify(oldMinter.mintString(NOW_MS, 77, 3)));
    }

    @Test
    void shouldAcceptIdsOfCurrentAndPreviousKeysDuringRotation() {
        ClickIdVerifier rotating = new ClickIdVerifier(NEW_KEY, OLD_KEY);
        String before = oldMinter.mintString(NOW_MS, 5, 0);
        String after = newMinter.mintString(NOW_MS + 1, 6, 1);

        assertEquals(2, rotating.keyCount());
        assertEquals(5, rotating.verify(before).linkNumber());
        assertEquals(6, rotating.verify(after).linkNumber());
        assertNull(verifier.verify(before), "the old key is gone once rotation ends");
        assertNotNull(verifier.verify(after));
        assertNotNull(new ClickIdVerifier(List.of(NEW_KEY, OLD_KEY)).verify(before));
    }

    @Test
    void shouldRejectUnknownVersionEvenWithAValidMac() {
        for (int version : new int[] {0, 2, 255}) {
            assertNull(verifier.verify(withValidMac(NEW_KEY, version)), "version " + version);
        }
        assertNotNull(verifier.verify(withValidMac(NEW_KEY, 1)), "control: version 1 with the same construction");
    }

    @Test
    void shouldReturnNullForNullAndEmptyInput() {
        assertNull(verifier.verify(null));
        assertNull(verifier.verify(""));
    }

    @Test
    void shouldNeverThrowOnRandomGarbage() {
        SplittableRandom random = new SplittableRandom(2026);
        String pool = ALPHABET + "=+/ .%\u0000\u007f\u0080\u00e9\u0141\uff21\ud83d\ude00\ud800";
        for (int i = 0; i < 100_000; i++) {
            int length = i % 3 == 0 ? 36 : random.nextInt(80);
            StringBuilder text = new StringBuilder(length);
            for (int j = 0; j < length; j++) {
                text.append(i % 2 == 0 ? ALPHABET.charAt(random.nextInt(64)) : pool.charAt(random.nextInt(pool.length())));
            }
            String garbage = text.toString();
            ClickId id = assertDoesNotThrow(() -> verifier.verify(garbage), garbage);
            assertNull(id, garbage);
        }
    }

    @Test
    void shouldNeedAtLeastOneNonNullKey() {
        assertThrows(IllegalArgumentException.class, () -> new ClickIdVerifier(List.of()));
        assertThrows(NullPointerException.class, () -> new ClickIdVerifier((ClickIdKey) null));
        assertThrows(NullPointerException.class, () -> new ClickIdVerifier(NEW_KEY, (ClickIdKey) null));
    }

    @Test
    void shouldCompareMacsByValue() {
        assertTrue(ClickIdVerifier.macEquals(0, 0));
        assertTrue(ClickIdVerifier.macEquals(-1, -1));
        assertTrue(ClickIdVerifier.macEquals(0x8000000000000000L, 0x8000000000000000L));
        for (int bit = 0; bit < 64; bit++) {
            assertFalse(ClickIdVerifier.macEquals(0x0123456789abcdefL, 0x0123456789abcdefL ^ (1L << bit)));
        }
    }

    private String mintContaining(char c) {
        for (int i = 0; ; i++) {
            String text = newMinter.mintString(NOW_MS, i, 0);
            if (text.indexOf(c) >= 0) {
                return text;
            }
        }
    }

    /** A well-formed id of any version, MAC-ed with {@code key} exactly as version 1 would be. */
    private static String withValidMac(ClickIdKey key, int version) {
        byte[] bytes = new byte[27];
        ClickIdLayout.putHeader(bytes, 12, NOW_MS, 77, 3, 0x02000001);
        bytes[0] = (byte) version;
        ClickIdLayout.putBigEndian(bytes, 19, 8, SipHash24.hash(key.k0(), key.k1(), bytes, 0, 19));
        return encode(bytes);
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}

package io.smartlinkd.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class StringCacheTest {
    private static ByteBuffer bytes(String text) {
        return ByteBuffer.wrap(("xx" + text).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReturnTheSameStringForRepeatedBytesWithoutDecodingAgain() {
        StringCache cache = new StringCache(StringCache.Decoding.UTF8, 16);
        String first = cache.get(bytes("go.example.com"), 2, 14);
        assertEquals("go.example.com", first);
        assertSame(first, cache.get(bytes("go.example.com"), 2, 14));
    }

    @Test
    void shouldNeverAnswerWithAnotherValueWhenValuesShareASlot() {
        StringCache cache = new StringCache(StringCache.Decoding.UTF8, 1);
        for (int round = 0; round < 3; round++) {
            assertEquals("über", cache.get(bytes("über"), 2, 5));
            assertEquals("uber", cache.get(bytes("uber"), 2, 4));
            assertEquals("ube", cache.get(bytes("uber"), 2, 3));
        }
    }

    @Test
    void shouldDecodeEmptyLongAndHexValues() {
        StringCache utf8 = new StringCache(StringCache.Decoding.UTF8, 8);
        assertEquals("", utf8.get(bytes("abc"), 2, 0));
        String sub = "s".repeat(StringCache.MAX_KEY_BYTES + 100);
        assertEquals(sub, utf8.get(bytes(sub), 2, sub.length()));
        StringCache hex = new StringCache(StringCache.Decoding.HEX, 8);
        ByteBuffer ip = ByteBuffer.wrap(new byte[] {0, 10, 0, (byte) 0xff, 0});
        assertEquals("0a00ff00", hex.get(ip, 1, 4));
        assertEquals("0a00ff00", hex.get(ip, 1, 4));
    }
}

package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.link.ByteRecord;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class CodePoolTest {
    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    @Test
    void shouldRefillIntoTheSlotsClicksGaveBack() {
        CodePool pool = new CodePool("summer", 4, 1);
        assertTrue(pool.offer(ascii("SUMMER-AAAA"), 11));
        PooledCode first = pool.take();
        assertEquals("SUMMER-AAAA", first.text());
        assertEquals(11, first.storeId());
        pool.recycle(first);

        assertTrue(pool.offer(ascii("SUMMER-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB"), 0));
        PooledCode second = pool.take();
        assertSame(first, second, "the refill reused the slot the click gave back");
        assertEquals("SUMMER-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB", second.text(), "a longer code fits too");
        assertEquals(0, second.storeId());
        ByteRecord out = new ByteRecord(64);
        second.appendTo(out);
        assertEquals("SUMMER-BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB",
                new String(out.bytes(), 0, out.length(), StandardCharsets.US_ASCII));
    }

    @Test
    void shouldRefuseCodesBeyondItsSizeAndCountEmptyTakes() {
        CodePool pool = new CodePool("summer", 2, 1);
        assertTrue(pool.offer(ascii("A1"), 0));
        assertTrue(pool.offer(ascii("A2"), 0));
        assertFalse(pool.offer(ascii("A3"), 0));
        assertEquals("A1", pool.take().text());
        assertEquals("A2", pool.take().text());
        assertNull(pool.take());
        assertEquals(1, pool.emptyTakes());
        assertEquals(2, pool.taken());
    }
}

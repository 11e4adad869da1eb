package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.Rejection;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class LinkRecordTest {
    @Test
    void shouldReadBackEveryFieldWritten() {
        byte[] destination = {1, 0, 3, 'a', 'b', 'c'};
        byte[] fallback = {1, 0, 1, 'f'};
        byte[] record = LinkRecordWriter.write(true, true, 307, Rejection.Kind.FORBIDDEN, 123456, 42, 0, "summer-2026",
                destination, fallback, null, new int[] {9, 2, 5}, new int[] {3});
        LinkView view = new LinkView().wrap(record);
        assertTrue(view.active());
        assertTrue(view.isPrivate());
        assertEquals(307, view.redirectStatus());
        assertEquals(Rejection.Kind.FORBIDDEN, view.rejection());
        assertEquals(123456, view.linkNumber());
        assertEquals(42, view.ruleSet());
        assertEquals(0, view.discount());
        assertEquals("summer-2026", view.linkId());
        assertArrayEquals(destination, Arrays.copyOfRange(record, view.destinationOffset(),
                view.destinationOffset() + view.destinationLength()));
        assertEquals(fallback.length, view.fallbackLength());
        assertEquals(0, view.rejectionLength());
        assertTrue(view.admits(2, 0));
        assertTrue(view.admits(9, 0));
        assertFalse(view.admits(3, 0));
        assertTrue(view.admits(77, 3));
        assertFalse(view.admits(77, 4));
    }

    @Test
    void shouldRewrapWithoutKeepingOldState() {
        byte[] first = LinkRecordWriter.write(false, false, 301, Rejection.Kind.DESTINATION, 1, 0, 0, "a",
                new byte[] {1, 0, 1, 'x'}, null, null, new int[0], new int[0]);
        byte[] second = LinkRecordWriter.write(true, false, 302, Rejection.Kind.URL, 2, 7, 3, "bb",
                new byte[] {1, 0, 2, 'y', 'z'}, null, new byte[] {1, 0, 1, 'r'}, new int[0], new int[0]);
        LinkView view = new LinkView();
        view.wrap(first);
        assertFalse(view.active());
        view.wrap(second);
        assertTrue(view.active());
        assertEquals("bb", view.linkId());
        assertEquals(7, view.ruleSet());
        assertEquals(3, view.discount());
        assertEquals(4, view.rejectionLength());
        assertFalse(view.admits(1, 0));
    }
}

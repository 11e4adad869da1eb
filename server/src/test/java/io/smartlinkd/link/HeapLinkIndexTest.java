package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class HeapLinkIndexTest {
    @TempDir
    Path dir;

    @Test
    void shouldFindEveryLinkOfATableAndNoOther() throws IOException {
        try (LinkTable table = table(5000, HeapLinkIndex.MAX_LINKS)) {
            HeapLinkIndex heap = table.heapIndex();
            assertNotNull(heap);
            assertEquals(5000, heap.size());
            for (int i = 0; i < 5000; i++) {
                ByteRecord found = heap.get(key(1, "s" + i));
                assertNotNull(found, "s" + i);
                assertEquals("record-" + i, text(found));
            }
            assertNull(heap.get(key(1, "s5000")));
            assertNull(heap.get(key(2, "s1")), "the same slug on another domain is another link");
            assertNull(heap.get(key(1, "")));
        }
    }

    @Test
    void shouldCopyTheHeapRecordForCallersThatOwnTheirBuffer() throws IOException {
        try (LinkTable table = table(10, HeapLinkIndex.MAX_LINKS)) {
            ByteRecord into = new ByteRecord(4);
            assertEquals("record-7", text(table.lookup(key(1, "s7"), into)));
            into.clear();
            into.append((byte) 'x');
            assertEquals("record-7", text(table.heapIndex().get(key(1, "s7"))), "the shared record is untouched");
            assertNull(table.lookup(key(1, "nope"), into));
        }
    }

    @Test
    void shouldLeaveATableAboveTheLimitOffHeap() throws IOException {
        try (LinkTable table = table(20, 19)) {
            assertNull(table.heapIndex());
            assertEquals("record-19", text(table.lookup(key(1, "s19"), new ByteRecord(8))));
        }
    }

    private LinkTable table(int links, int maxHeapLinks) throws IOException {
        try (LinkEntries entries = new LinkEntries(dir)) {
            for (int i = 0; i < links; i++) {
                entries.add(LinkTable.key(1, "s" + i), ("record-" + i).getBytes(StandardCharsets.US_ASCII));
            }
            return LinkTable.openOrBuild(dir.resolve("t" + links), entries, maxHeapLinks);
        }
    }

    private static ByteRecord key(int domain, String slug) {
        return ByteRecord.copyOf(LinkTable.key(domain, slug));
    }

    private static String text(ByteRecord record) {
        return new String(record.bytes(), 0, record.length(), StandardCharsets.US_ASCII);
    }
}

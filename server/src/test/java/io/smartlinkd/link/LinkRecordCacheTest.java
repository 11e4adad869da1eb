package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class LinkRecordCacheTest {
    @TempDir
    Path dir;

    @Test
    void shouldAnswerRepeatedLookupsFromTheCacheWithTheTablesRecord() throws Exception {
        try (LinkTable table = table("a", "one", "first", "two", "second")) {
            LinkRecordCache cache = new LinkRecordCache(16);
            assertEquals("first", text(cache.lookup(table, key("one"))));
            assertEquals("first", text(cache.lookup(table, key("one"))));
            assertEquals("second", text(cache.lookup(table, key("two"))));
            assertEquals(1, cache.hits());
            assertEquals(2, cache.misses());
        }
    }

    @Test
    void shouldAnswerNullForAMissingLinkEveryTime() throws Exception {
        try (LinkTable table = table("a", "one", "first")) {
            LinkRecordCache cache = new LinkRecordCache(16);
            assertNull(cache.lookup(table, key("nope")));
            assertNull(cache.lookup(table, key("nope")));
            assertEquals(0, cache.hits());
        }
    }

    @Test
    void shouldNeverAnswerFromAnotherGenerationsTable() throws Exception {
        try (LinkTable old = table("a", "one", "old");
             LinkTable next = table("b", "one", "new")) {
            LinkRecordCache cache = new LinkRecordCache(16);
            assertEquals("old", text(cache.lookup(old, key("one"))));
            assertEquals("new", text(cache.lookup(next, key("one"))));
            assertEquals("new", text(cache.lookup(next, key("one"))));
            assertEquals("old", text(cache.lookup(old, key("one"))));
        }
    }

    @Test
    void shouldKeepCollidingKeysApartInOneSlot() throws Exception {
        try (LinkTable table = table("a", "one", "first", "two", "second")) {
            LinkRecordCache cache = new LinkRecordCache(1);
            assertEquals(1, cache.capacity());
            for (int i = 0; i < 3; i++) {
                assertEquals("first", text(cache.lookup(table, key("one"))));
                assertEquals("second", text(cache.lookup(table, key("two"))));
            }
            assertNull(cache.lookup(table, key("three")));
            assertEquals("second", text(cache.lookup(table, key("two"))));
        }
    }

    @Test
    void shouldHoldRecordsLongerThanItsSlotBuffers() throws Exception {
        String longRecord = "x".repeat(2000);
        try (LinkTable table = table("a", "big", longRecord)) {
            LinkRecordCache cache = new LinkRecordCache(4);
            assertEquals(longRecord, text(cache.lookup(table, key("big"))));
            ByteRecord hit = cache.lookup(table, key("big"));
            assertArrayEquals(longRecord.getBytes(StandardCharsets.US_ASCII), hit.toByteArray());
        }
    }

    @Test
    void shouldAnswerASmallTableFromItsHeapRecordsWithoutCaching() throws Exception {
        try (LinkEntries entries = new LinkEntries(dir)) {
            entries.add(LinkTable.key(1, "one"), "first".getBytes(StandardCharsets.US_ASCII));
            try (LinkTable table = LinkTable.openOrBuild(dir.resolve("heap"), entries)) {
                LinkRecordCache cache = new LinkRecordCache(16);
                ByteRecord first = cache.lookup(table, key("one"));
                assertEquals("first", text(first));
                assertSame(first, cache.lookup(table, key("one")), "the table's shared record, not a copy");
                assertNull(cache.lookup(table, key("two")));
                assertEquals(0, cache.hits() + cache.misses());
            }
        }
    }

    /** A link table in {@code name} of slug/record pairs, its records off-heap only. */
    private LinkTable table(String name, String... slugsAndRecords) throws java.io.IOException {
        try (LinkEntries entries = new LinkEntries(dir)) {
            for (int i = 0; i < slugsAndRecords.length; i += 2) {
                entries.add(LinkTable.key(1, slugsAndRecords[i]),
                        slugsAndRecords[i + 1].getBytes(StandardCharsets.US_ASCII));
            }
            return LinkTable.openOrBuild(dir.resolve(name), entries, 0); // off-heap only: the cache's own case
        }
    }

    private static ByteRecord key(String slug) {
        return ByteRecord.copyOf(LinkTable.key(1, slug));
    }

    private static String text(ByteRecord record) {
        return new String(record.bytes(), 0, record.length(), StandardCharsets.US_ASCII);
    }
}

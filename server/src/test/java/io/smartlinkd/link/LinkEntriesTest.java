package io.smartlinkd.link;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compiled records and new slugs kept aside in memory or, past a threshold, in a scratch file. */
class LinkEntriesTest {
    @TempDir
    Path dir;

    @Test
    void shouldReadBackTheSameEntriesAndFingerprintWhetherSpilledOrNot() throws IOException {
        try (LinkEntries inMemory = new LinkEntries(dir, 1 << 20); LinkEntries spilled = new LinkEntries(dir, 100)) {
            for (int i = 0; i < 1000; i++) {
                byte[] key = LinkTable.key(1, "slug-" + i);
                byte[] record = ("record " + i + " " + "x".repeat(i % 300)).getBytes(StandardCharsets.US_ASCII);
                inMemory.add(key, record);
                spilled.add(key, record);
            }
            assertEquals(1, scratchFiles(), "only the spilled one has a file");
            assertEquals(inMemory.fingerprint(), spilled.fingerprint());
            assertEquals(1000, spilled.count());
            List<String> read = new ArrayList<>();
            spilled.forEach((key, keyLength, record, recordLength) ->
                    read.add(new String(record, 0, recordLength, StandardCharsets.US_ASCII)));
            assertEquals(1000, read.size());
            assertEquals("record 999 " + "x".repeat(999 % 300), read.get(999));
            assertArrayEquals("record 7 xxxxxxx".getBytes(StandardCharsets.US_ASCII),
                    spilled.recordOf(LinkTable.key(1, "slug-7")));
            assertNull(spilled.recordOf(LinkTable.key(2, "slug-7")));
        }
        assertEquals(0, scratchFiles(), "closing deletes the scratch file");
    }

    @Test
    void shouldFingerprintOrderAndContent() {
        try (LinkEntries a = new LinkEntries(dir); LinkEntries b = new LinkEntries(dir)) {
            a.add(new byte[] {1}, new byte[] {2});
            a.add(new byte[] {3}, new byte[] {4});
            b.add(new byte[] {3}, new byte[] {4});
            b.add(new byte[] {1}, new byte[] {2});
            assertTrue(!a.fingerprint().equals(b.fingerprint()));
        }
    }

    @Test
    void shouldBuildATableFromSpilledEntries() throws IOException {
        try (LinkEntries entries = new LinkEntries(dir, 64)) {
            for (int i = 0; i < 500; i++) {
                entries.add(LinkTable.key(1, "s" + i), ("r" + i).getBytes(StandardCharsets.US_ASCII));
            }
            try (LinkTable table = LinkTable.openOrBuild(dir.resolve("links"), entries)) {
                assertEquals(500, table.size());
                ByteRecord found = table.lookup(ByteRecord.copyOf(LinkTable.key(1, "s321")), new ByteRecord(16));
                assertEquals("r321", new String(found.bytes(), 0, found.length(), StandardCharsets.US_ASCII));
                assertEquals(LinkTable.fileName(entries), table.file().getFileName().toString());
            }
        }
    }

    @Test
    void shouldSpillPendingSlugsAndReadThemBackInOrder() {
        try (PendingSlugs slugs = new PendingSlugs(dir)) {
            for (int i = 0; i < 100_000; i++) {
                slugs.add("go.example.com/s" + i, new PublishedSlug("link-" + i, i + 1, 42L, "links/a.yaml"));
            }
            List<String> keys = new ArrayList<>();
            List<PublishedSlug> values = new ArrayList<>();
            slugs.forEach((key, slug) -> {
                keys.add(key);
                values.add(slug);
            });
            assertEquals(100_000, keys.size());
            assertEquals("go.example.com/s99999", keys.get(99_999));
            assertEquals(new PublishedSlug("link-5", 6, 42L, "links/a.yaml"), values.get(5));
        }
    }

    private long scratchFiles() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(file -> file.getFileName().toString().startsWith(SpillBuffer.PREFIX)).count();
        }
    }
}

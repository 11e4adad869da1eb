package io.smartlinkd.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.JournalConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(60)
class ClickJournalTest {
    private static final JournalConfig SMALL_SEGMENTS = new JournalConfig(1024, 1 << 20, JournalConfig.Fsync.BATCH, 200,
            JournalConfig.IpPrivacy.TRUNCATE);

    @TempDir
    Path dir;

    private static ClickDraft click(ClickDraft draft, int n) {
        byte[] id = String.format("%036d", n).getBytes(StandardCharsets.US_ASCII);
        draft.begin(1_700_000_000_000L + n).clickId(id, 0).linkNumber(n % 7).outcome(ClickLayout.Outcome.REDIRECTED, 302);
        byte[] host = "go.example.com".getBytes(StandardCharsets.US_ASCII);
        draft.string(host, 0, host.length).string("link-" + n, 0, ("link-" + n).length());
        return draft;
    }

    private static void recordAll(ClickJournal journal, int from, int to) {
        ClickDraft draft = new ClickDraft();
        for (int n = from; n < to; n++) {
            while (!journal.tryRecord(click(draft, n))) {
                Thread.onSpinWait();
            }
        }
    }

    @Test
    void shouldWriteEveryRecordOnceAcrossRolledSegmentsWithContiguousSequences() throws Exception {
        try (ClickJournal journal = ClickJournal.open(dir, 5, SMALL_SEGMENTS)) {
            recordAll(journal, 0, 20_000);
        }
        List<JournalFiles.Record> clicks = JournalFiles.clicks(dir);
        assertEquals(20_000, clicks.size());
        assertTrue(JournalFiles.segments(dir).size() >= 3, "segments: " + JournalFiles.segments(dir));
        for (int n = 0; n < clicks.size(); n++) {
            JournalFiles.Record record = clicks.get(n);
            assertEquals(String.format("%036d", n), record.clickId());
            assertEquals("link-" + n, record.string(ClickLayout.LINK_ID));
            assertEquals("go.example.com", record.string(ClickLayout.DOMAIN));
            assertEquals("", record.string(ClickLayout.SUB1 + 4));
            assertEquals(302, record.httpStatus());
            assertEquals(5, record.nodeId());
        }
    }

    @Test
    void shouldKeepMaximalRecordsIntactInSlotsThatStartedSmall() throws Exception {
        // Every string at its 255-byte limit: about 3 KB, larger than a slot's first array. Alternating with
        // short clicks over a ring of 1,024 slots, every slot carries both sizes several times.
        String[] longest = new String[ClickLayout.STRING_COUNT];
        for (int i = 0; i < longest.length; i++) {
            longest[i] = String.valueOf((char) ('a' + i)).repeat(ClickLayout.MAX_STRING_BYTES);
        }
        try (ClickJournal journal = ClickJournal.open(dir, 1, SMALL_SEGMENTS)) {
            ClickDraft draft = new ClickDraft();
            for (int n = 0; n < 6_000; n++) {
                if (n % 2 == 0) {
                    click(draft, n);
                } else {
                    draft.begin(n).clickId(String.format("%036d", n).getBytes(StandardCharsets.US_ASCII), 0);
                    for (String string : longest) {
                        draft.string(string, 0, string.length());
                    }
                }
                while (!journal.tryRecord(draft)) {
                    Thread.onSpinWait();
                }
            }
        }
        List<JournalFiles.Record> clicks = JournalFiles.clicks(dir);
        assertEquals(6_000, clicks.size());
        for (int n = 0; n < clicks.size(); n++) {
            JournalFiles.Record record = clicks.get(n);
            assertEquals(String.format("%036d", n), record.clickId());
            if (n % 2 == 0) {
                assertEquals("link-" + n, record.string(ClickLayout.LINK_ID));
            } else {
                for (int i = 0; i < longest.length; i++) {
                    assertEquals(longest[i], record.string(i), "click " + n + " string " + i);
                }
            }
        }
    }

    @Test
    void shouldTakeRecordsFromManyProducersWithoutLosingOrDuplicatingAny() throws Exception {
        int threads = 4;
        int each = 25_000;
        CountDownLatch start = new CountDownLatch(1);
        try (ClickJournal journal = ClickJournal.open(dir, 1, SMALL_SEGMENTS)) {
            Thread[] producers = new Thread[threads];
            for (int t = 0; t < threads; t++) {
                int base = t * each;
                producers[t] = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    recordAll(journal, base, base + each);
                });
                producers[t].start();
            }
            start.countDown();
            for (Thread producer : producers) {
                producer.join();
            }
        }
        Set<String> ids = new HashSet<>();
        for (JournalFiles.Record record : JournalFiles.clicks(dir)) {
            assertTrue(ids.add(record.clickId()), "duplicate " + record.clickId());
        }
        assertEquals(threads * each, ids.size());
    }

    @Test
    void shouldCutATornTailAndContinueAfterTheLastValidRecord() throws Exception {
        ClickJournal crashed = ClickJournal.open(dir, 1, SMALL_SEGMENTS);
        recordAll(crashed, 0, 1_000);
        while (crashed.recordsWritten() < 1_000) {
            Thread.sleep(5);
        }
        // A crash: the writer never seals; a half-written record follows the last whole one.
        Path open = JournalFiles.segments(dir).get(JournalFiles.segments(dir).size() - 1);
        long validSize = Files.size(open);
        Files.write(open, new byte[] {60, 0, 0, 0, 1, 0, 1, 0, 9, 9, 9}, StandardOpenOption.APPEND);

        try (ClickJournal recovered = ClickJournal.open(dir, 1, SMALL_SEGMENTS)) {
            recordAll(recovered, 1_000, 1_500);
        }
        List<JournalFiles.Record> clicks = JournalFiles.clicks(dir);
        assertEquals(1_500, clicks.size());
        for (int n = 0; n < 1_500; n++) {
            assertEquals(String.format("%036d", n), clicks.get(n).clickId());
        }
        // the cut kept every whole record and added only the seal
        assertEquals(validSize + JournalFormat.FRAME_BYTES + 8, Files.size(open));
    }

    @Test
    void shouldContinueTheSequenceWhenKilledRightAfterStartingASegment() throws Exception {
        try (ClickJournal first = ClickJournal.open(dir, 1, SMALL_SEGMENTS)) {
            recordAll(first, 0, 100);
        }
        // A crash just after the next segment's header was written: the segment holds no record.
        ClickJournal crashed = ClickJournal.open(dir, 1, SMALL_SEGMENTS);
        try (ClickJournal recovered = ClickJournal.open(dir, 1, SMALL_SEGMENTS)) {
            recordAll(recovered, 100, 150);
        }
        List<JournalFiles.Record> clicks = JournalFiles.clicks(dir);
        assertEquals(150, clicks.size());
        assertEquals(String.format("%036d", 149), clicks.get(149).clickId());
        assertTrue(crashed.recordsWritten() == 0);
    }

    @Test
    void shouldNeverBlockAProducerAndRecordExactlyTheAcceptedClicks() throws Exception {
        JournalConfig tiny = new JournalConfig(1024, 1 << 20, JournalConfig.Fsync.BATCH, 200,
                JournalConfig.IpPrivacy.TRUNCATE);
        try (ClickJournal journal = ClickJournal.open(dir, 1, tiny)) {
            ClickDraft draft = new ClickDraft();
            int accepted = 0;
            int refused = 0;
            for (int n = 0; n < 200_000; n++) {
                if (journal.tryRecord(click(draft, n))) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            assertTrue(accepted > 0);
            assertEquals(refused, journal.refused());
            journal.close();
            assertEquals(accepted, JournalFiles.clicks(dir).size());
        }
    }
}

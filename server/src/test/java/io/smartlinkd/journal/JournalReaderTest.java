package io.smartlinkd.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.journal.SegmentReader.Step;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(10)
class JournalReaderTest {
    @TempDir
    Path tmp;

    private static TestClick click(int n) {
        return TestClick.redirected(1_700_000_000_000L + n, String.format("%036d", n), "go.example.com", "link" + n,
                "s" + n, "acme", n % 2 == 0 ? "CODE" + n : "", "newsletter", "a", "", "", "", "ü");
    }

    /** Reads every record of one segment from its header; returns the sequences of clicks and what ended it. */
    private static List<Long> readAll(SegmentReader segment, Step[] ending) throws IOException {
        List<Long> sequences = new ArrayList<>();
        Step step;
        while ((step = segment.next()) == Step.RECORD) {
            if (segment.type() == JournalFormat.TYPE_CLICK) {
                sequences.add(segment.sequence());
            }
        }
        ending[0] = step;
        return sequences;
    }

    @Test
    void shouldListSegmentsInIndexOrderAndReadSealedThenOpen() throws IOException {
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 3, 100)) {
            writer.nextSegment();
            writer.click(click(1));
            writer.click(click(2));
            writer.nextSegment();
            writer.click(click(3));
        }
        Files.writeString(tmp.resolve("notes.txt"), "ignored");
        JournalReader journal = new JournalReader(tmp);
        assertArrayEquals(new long[] {1, 2}, journal.segments());

        Step[] ending = new Step[1];
        try (SegmentReader first = journal.open(1, false, 3)) {
            assertEquals(3, first.header().nodeId());
            assertEquals(List.of(100L, 101L), readAll(first, ending));
            assertEquals(Step.SEALED, ending[0]);
            assertTrue(first.sealed());
        }
        try (SegmentReader second = journal.open(2, true, 3)) {
            assertEquals(List.of(103L), readAll(second, ending));
            assertEquals(Step.NOTHING_YET, ending[0]);
        }
    }

    @Test
    void shouldDecodeEveryClickFieldThroughTheFlyweight() throws IOException {
        TestClick written = new TestClick(1_700_000_123_456L, "A".repeat(36), 4_000_000_000L, 65_535, 12,
                ClickLayout.Outcome.LOST, ClickLayout.FLAG_BOT | ClickLayout.FLAG_PREFETCH, 503, "--", 4, 200, 201, 2,
                new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0},
                new String[] {"d", "l", "s", "p", "c", "u", "1", "2", "3", "4", "x".repeat(255)});
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            writer.nextSegment();
            writer.click(written);
        }
        try (SegmentReader segment = new JournalReader(tmp).open(1, true, -1)) {
            assertEquals(Step.RECORD, segment.next());
            ClickRecordView view = new ClickRecordView();
            assertNull(view.wrap(segment.buffer(), segment.payloadOffset(), segment.payloadLength()));
            assertEquals(1_700_000_123_456L, view.timeMs());
            assertEquals("A".repeat(36), view.clickId());
            assertEquals(4_000_000_000L, view.linkNumber());
            assertEquals(65_535, view.offerNumber());
            assertEquals(12, view.ruleNumber());
            assertEquals(ClickLayout.Outcome.LOST, view.outcome());
            assertTrue(view.bot());
            assertTrue(view.prefetch());
            assertEquals(false, view.unique());
            assertEquals(503, view.httpStatus());
            assertEquals("--", view.country());
            assertEquals(4, view.deviceCode());
            assertEquals(200, view.osCode());
            assertEquals(201, view.browserCode());
            assertEquals(2, view.ipForm());
            assertEquals(16, view.ipLength());
            assertEquals((byte) 0xb8, view.ipByte(3));
            for (int i = 0; i < ClickLayout.STRING_COUNT; i++) {
                assertEquals(written.string(i), view.string(i));
            }
        }
    }

    @Test
    void shouldReportNoClickIdWhenTheFieldIsAllZero() throws IOException {
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            writer.nextSegment();
            writer.click(TestClick.redirected(1, null));
        }
        try (SegmentReader segment = new JournalReader(tmp).open(1, true, -1)) {
            segment.next();
            ClickRecordView view = new ClickRecordView();
            assertNull(view.wrap(segment.buffer(), segment.payloadOffset(), segment.payloadLength()));
            assertNull(view.clickId());
            assertEquals("", view.string(ClickLayout.DOMAIN));
        }
    }

    @Test
    void shouldStopAtATornTailOfTheOpenSegmentAndReadItOnceItIsComplete() throws IOException {
        long tornAt;
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            writer.nextSegment();
            writer.click(click(1));
            tornAt = Files.size(writer.segmentFile());
            writer.tornClick(click(2), 50);
        }
        try (SegmentReader segment = new JournalReader(tmp).open(1, true, -1)) {
            assertEquals(Step.RECORD, segment.next());
            assertEquals(tornAt, segment.endOffset());
            assertEquals(Step.NOTHING_YET, segment.next());
            assertEquals(Step.NOTHING_YET, segment.next());
            assertEquals(tornAt, segment.endOffset());
        }
    }

    @Test
    void shouldTreatAZeroFilledTailAsNothingWrittenYet() throws IOException {
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            writer.nextSegment();
            writer.click(click(1));
            writer.raw(new byte[1 << 20]);
        }
        try (SegmentReader segment = new JournalReader(tmp).open(1, true, -1)) {
            assertEquals(Step.RECORD, segment.next());
            assertEquals(Step.NOTHING_YET, segment.next());
        }
    }

    @Test
    void shouldPickUpRecordsAppendedAfterRefresh() throws IOException {
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1);
                SegmentReader segment = openFirst(writer)) {
            assertEquals(Step.RECORD, segment.next());
            assertEquals(Step.NOTHING_YET, segment.next());
            writer.click(click(2));
            segment.refresh();
            assertEquals(Step.RECORD, segment.next());
            assertEquals(2, segment.sequence());
        }
    }

    private SegmentReader openFirst(TestJournalWriter writer) throws IOException {
        writer.nextSegment();
        writer.click(click(1));
        return new JournalReader(tmp).open(1, true, -1);
    }

    @Test
    void shouldNameFileAndOffsetWhenAByteIsFlippedInASealedSegment() throws IOException {
        long badRecord;
        Path sealed;
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            sealed = writer.nextSegment();
            writer.click(click(1));
            badRecord = writer.click(click(2));
            writer.click(click(3));
            writer.nextSegment();
        }
        TestJournalWriter.flipByte(sealed, badRecord + JournalFormat.FRAME_BYTES + 30);
        try (SegmentReader segment = new JournalReader(tmp).open(1, false, -1)) {
            assertEquals(Step.RECORD, segment.next());
            JournalCorruptException e = assertThrows(JournalCorruptException.class, segment::next);
            assertEquals(sealed, e.file());
            assertEquals(badRecord, e.offset());
            assertTrue(e.getMessage().startsWith(sealed + ":" + badRecord + ": record CRC mismatch"), e.getMessage());
        }
    }

    @Test
    void shouldCallABadRecordFollowedByValidOnesCorruptionEvenInTheOpenSegment() throws IOException {
        long badRecord;
        Path open;
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            open = writer.nextSegment();
            badRecord = writer.click(click(1));
            writer.click(click(2));
        }
        TestJournalWriter.flipByte(open, badRecord + 8);
        try (SegmentReader segment = new JournalReader(tmp).open(1, true, -1)) {
            JournalCorruptException e = assertThrows(JournalCorruptException.class, segment::next);
            assertEquals(badRecord, e.offset());
            assertTrue(e.getMessage().contains("valid records follow"), e.getMessage());
        }
    }

    @Test
    void shouldRefuseASegmentThatIsNotNewestButHasNoSeal() throws IOException {
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            writer.nextSegment();
            writer.click(click(1));
        }
        try (SegmentReader segment = new JournalReader(tmp).open(1, false, -1)) {
            assertEquals(Step.RECORD, segment.next());
            JournalCorruptException e = assertThrows(JournalCorruptException.class, segment::next);
            assertTrue(e.getMessage().contains("must end with a seal"), e.getMessage());
        }
    }

    @Test
    void shouldRejectAnUnknownRecordTypeAndAnImpossibleLengthInASealedSegment() throws IOException {
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 1)) {
            writer.nextSegment();
            writer.record(99, new byte[8]);
            writer.nextSegment();
            writer.raw(new byte[] {(byte) 0xff, (byte) 0xff, 0, 0x7f, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        }
        JournalReader journal = new JournalReader(tmp);
        try (SegmentReader segment = journal.open(1, false, -1)) {
            JournalCorruptException e = assertThrows(JournalCorruptException.class, segment::next);
            assertEquals(JournalFormat.HEADER_BYTES, e.offset());
            assertTrue(e.getMessage().contains("unknown record type 99"), e.getMessage());
        }
        try (SegmentReader segment = journal.open(2, false, -1)) {
            JournalCorruptException e = assertThrows(JournalCorruptException.class, segment::next);
            assertTrue(e.getMessage().contains("impossible payload length"), e.getMessage());
        }
    }

    @Test
    void shouldRejectAHeaderWithABadCrcOrAForeignNode() throws IOException {
        Path file;
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 5, 1)) {
            file = writer.nextSegment();
        }
        JournalReader journal = new JournalReader(tmp);
        JournalCorruptException foreign = assertThrows(JournalCorruptException.class, () -> journal.open(1, true, 6));
        assertTrue(foreign.getMessage().contains("node 5"), foreign.getMessage());
        TestJournalWriter.flipByte(file, 17);
        JournalCorruptException e = assertThrows(JournalCorruptException.class, () -> journal.open(1, true, 5));
        assertEquals(file + ":24: header CRC mismatch", e.getMessage());
    }

    @Test
    void shouldResumeFromARecordBoundary() throws IOException {
        long third;
        try (TestJournalWriter writer = new TestJournalWriter(tmp, 1, 10)) {
            writer.nextSegment();
            writer.click(click(1));
            writer.click(click(2));
            third = writer.click(click(3));
        }
        try (SegmentReader segment = new JournalReader(tmp).open(1, true, -1)) {
            segment.seek(third, 11);
            assertEquals(Step.RECORD, segment.next());
            assertEquals(12, segment.sequence());
            assertEquals(Step.NOTHING_YET, segment.next());
        }
    }
}

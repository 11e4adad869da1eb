package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickRecordView;
import io.smartlinkd.journal.JournalCorruptException;
import io.smartlinkd.journal.JournalFormat;
import io.smartlinkd.journal.OrderRecord;
import io.smartlinkd.journal.JournalReader;
import io.smartlinkd.journal.SegmentReader;
import java.io.IOException;
import java.sql.SQLException;

/**
 * Loads one node's journal into a {@link ClickStore}, a batch per {@link #doWork()} call, agent style: the caller's
 * loop decides whether to poll again or stop when a call returns 0. One thread.
 *
 * <p>Each batch ends with a commit of its rows and the checkpoint after its last record, so a kill at any moment
 * leaves the database at a batch boundary and the next run resumes exactly there. Clicks and orders become rows;
 * other records (conversions, whose loader comes later; seals) advance the checkpoint without adding rows.
 */
public final class JournalLoader implements AutoCloseable {
    private final JournalReader journal;
    private final ClickStore store;
    private final int batchSize;
    private final ClickRecordView click = new ClickRecordView();

    private int node = -1;
    private Checkpoint committed;
    private SegmentReader segment;
    private long clicksLoaded;

    public JournalLoader(JournalReader journal, ClickStore store, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, not " + batchSize);
        }
        this.journal = journal;
        this.store = store;
        this.batchSize = batchSize;
    }

    /** Loads and commits up to one batch of records; returns how many records it consumed (0: nothing new). */
    public int doWork() throws IOException, SQLException {
        if (segment == null && !openSegment()) {
            return 0;
        }
        segment.refresh();
        Checkpoint previous = committed;
        long segmentIndex = segment.header().index();
        long lastSequence = committed != null ? committed.sequence() : Long.MIN_VALUE;
        long endOffset = -1;
        int records = 0;
        int clicks = 0;
        while (records < batchSize) {
            SegmentReader.Step step = segment.next();
            if (step == SegmentReader.Step.RECORD) {
                records++;
                lastSequence = segment.sequence();
                endOffset = segment.endOffset();
                if (segment.type() == JournalFormat.TYPE_CLICK) {
                    addClick();
                    clicks++;
                } else if (segment.type() == JournalFormat.TYPE_ORDER) {
                    addOrder();
                }
            } else if (step == SegmentReader.Step.SEALED || !newerSegmentExists()) {
                break;
            }
        }
        if (records > 0) {
            // After a seal the next record is the first of the next segment, which may not exist yet.
            Checkpoint next = segment.sealed()
                    ? new Checkpoint(node, segmentIndex + 1, JournalFormat.HEADER_BYTES, lastSequence)
                    : new Checkpoint(node, segmentIndex, endOffset, lastSequence);
            store.commit(previous, next);
            committed = next;
            clicksLoaded += clicks;
        }
        if (segment.sealed()) {
            // Only after the commit: the next segment starts a new batch with its own checkpoint.
            closeSegment();
        }
        return records;
    }

    private void addClick() throws SQLException, JournalCorruptException {
        if (segment.layoutVersion() != ClickRecordView.LAYOUT_VERSION) {
            throw new JournalCorruptException(segment.file(), segment.recordOffset(),
                    "click layout version " + segment.layoutVersion() + " is not supported by this loader");
        }
        String problem = click.wrap(segment.buffer(), segment.payloadOffset(), segment.payloadLength());
        if (problem != null) {
            throw new JournalCorruptException(segment.file(), segment.recordOffset(), problem);
        }
        store.add(node, segment.sequence(), click);
    }

    private void addOrder() throws SQLException, JournalCorruptException {
        if (segment.layoutVersion() != OrderRecord.LAYOUT_VERSION) {
            throw new JournalCorruptException(segment.file(), segment.recordOffset(),
                    "order layout version " + segment.layoutVersion() + " is not supported by this loader");
        }
        byte[] payload = new byte[segment.payloadLength()];
        segment.buffer().get(segment.payloadOffset(), payload);
        OrderRecord order = OrderRecord.decode(payload, 0, payload.length);
        if (order == null) {
            throw new JournalCorruptException(segment.file(), segment.recordOffset(), "malformed order payload");
        }
        store.addOrder(node, segment.sequence(), order);
    }

    /**
     * Whether the open segment has been superseded: then it must still end with a seal, which the writer has
     * written before creating the newer file, so reading on either finds it or reports corruption.
     */
    private boolean newerSegmentExists() throws IOException {
        long[] indexes = journal.segments();
        if (indexes.length == 0 || indexes[indexes.length - 1] <= segment.header().index()) {
            return false;
        }
        segment.refresh();
        segment.superseded();
        return true;
    }

    /** Opens the segment to read next: the checkpoint's, or the oldest present before the first load. */
    private boolean openSegment() throws IOException, SQLException {
        long[] indexes = journal.segments();
        if (indexes.length == 0) {
            return false;
        }
        long newest = indexes[indexes.length - 1];
        if (node < 0) {
            try (SegmentReader first = journal.open(indexes[0], indexes[0] == newest, -1)) {
                node = first.header().nodeId();
            }
            committed = store.checkpoint(node);
        }
        long wanted = committed == null ? indexes[0] : committed.segment();
        if (java.util.Arrays.binarySearch(indexes, wanted) < 0) {
            if (newest < wanted) {
                return false; // The checkpoint points at the segment the writer has not started yet.
            }
            throw new JournalCorruptException(journal.segmentFile(wanted), 0,
                    "segment is missing but the journal has later ones; it was never loaded");
        }
        segment = journal.open(wanted, wanted == newest, node);
        if (committed == null) {
            segment.seek(JournalFormat.HEADER_BYTES, Long.MIN_VALUE);
        } else {
            segment.seek(committed.offset(), committed.sequence());
        }
        return true;
    }

    private void closeSegment() throws IOException {
        segment.close();
        segment = null;
    }

    public int node() {
        return node;
    }

    /** Clicks loaded by this instance (not counting earlier runs). */
    public long clicksLoaded() {
        return clicksLoaded;
    }

    /** The last committed checkpoint, or null. */
    public Checkpoint committed() {
        return committed;
    }

    @Override
    public void close() throws IOException {
        if (segment != null) {
            segment.close();
            segment = null;
        }
    }
}

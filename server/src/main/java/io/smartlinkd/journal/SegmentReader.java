package io.smartlinkd.journal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * A cursor over the records of one segment file, read through a read-only memory map that is re-mapped when the
 * file grows ({@link #refresh()}). One thread; after opening, stepping through records allocates nothing: the
 * current record is described by accessors over the mapped bytes, valid until the next call.
 *
 * <p><b>Torn tail versus corruption.</b> A record that fails its checks is corruption when the segment is sealed or
 * no longer the newest, and also when a valid record follows it (it sits before the last valid record). Otherwise it
 * is the torn tail of the open segment: the writer has not finished it, or crashed while writing it, and
 * {@link #next()} reports {@link Step#NOTHING_YET} without moving. To tell the two apart the reader looks for any
 * plausible, CRC-valid frame after the bad one; the search resumes where the last one stopped, so polling a
 * preallocated open segment does not rescan it.
 */
public final class SegmentReader implements AutoCloseable {
    /** What {@link #next()} found. */
    public enum Step {
        /** A valid record; see the accessors. Seal records are reported too, once. */
        RECORD,
        /** The segment is sealed and its seal has been read: nothing follows, move to the next segment. */
        SEALED,
        /** The open segment has no more complete records yet; poll again later. */
        NOTHING_YET
    }

    private static final int FRAME_TYPE = 4;
    private static final int FRAME_LAYOUT = 6;
    private static final int FRAME_SEQUENCE = 8;
    private static final int FRAME_CRC = 16;
    private static final int SEAL_PAYLOAD_BYTES = 8;

    private final Path file;
    private final FileChannel channel;
    private final CRC32C crc = new CRC32C();
    private final SegmentHeader header;
    private ByteBuffer bytes;
    private ByteBuffer crcView;
    private boolean newest;
    private boolean sealed;

    private long position;
    private boolean countingFromStart;
    private long recordsSeen;
    private long lastSequence = Long.MIN_VALUE;

    private int type;
    private int layoutVersion;
    private long sequence;
    private long recordOffset;
    private int payloadLength;

    private long tornAt = -1;
    private long searchedUpTo;

    private SegmentReader(Path file, FileChannel channel, boolean newest) throws IOException {
        this.file = file;
        this.channel = channel;
        this.newest = newest;
        map();
        this.header = SegmentHeader.read(bytes, file);
        this.position = JournalFormat.HEADER_BYTES;
        this.countingFromStart = true;
    }

    /**
     * Opens a segment and checks its header. {@code newest} says whether it is the last segment of its journal, the
     * only one allowed to be unsealed.
     */
    public static SegmentReader open(Path file, boolean newest) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new SegmentReader(file, channel, newest);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private void map() throws IOException {
        long size = channel.size();
        if (size > Integer.MAX_VALUE) {
            throw new JournalCorruptException(file, Integer.MAX_VALUE, "segment larger than 2 GiB");
        }
        MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
        bytes = mapped.order(ByteOrder.LITTLE_ENDIAN);
        crcView = bytes.duplicate();
    }

    /** Re-maps the file if it has grown since it was opened or last refreshed; call before polling again. */
    public void refresh() throws IOException {
        if (channel.size() != bytes.limit()) {
            map();
        }
    }

    /**
     * Tells the reader that a newer segment now exists, so this one must end with a seal: from now on a bad record
     * or the end of the data without a seal is corruption. Call {@link #refresh()} first.
     */
    public void superseded() {
        newest = false;
        tornAt = -1;
    }

    /**
     * Moves to a record boundary, typically the end offset of the last record a loader committed, and expects the
     * next record's sequence to be above {@code afterSequence} ({@code Long.MIN_VALUE}: anything). The seal's record
     * count cannot be checked when reading does not start at the header.
     */
    public void seek(long offset, long afterSequence) throws JournalCorruptException {
        if (offset < JournalFormat.HEADER_BYTES || offset > bytes.limit()) {
            throw new JournalCorruptException(file, offset, "resume offset outside the segment (" + bytes.limit()
                    + " bytes); the journal is shorter than what was already loaded");
        }
        position = offset;
        countingFromStart = offset == JournalFormat.HEADER_BYTES;
        recordsSeen = 0;
        lastSequence = afterSequence;
        tornAt = -1;
        sealed = false;
    }

    /** Steps to the next record. */
    public Step next() throws JournalCorruptException {
        if (sealed) {
            return Step.SEALED;
        }
        String problem = checkFrame(position);
        if (problem == null) {
            acceptRecordAt(position);
            return Step.RECORD;
        }
        if (!newest) {
            throw new JournalCorruptException(file, position, problem + (problem == END_OF_DATA
                    ? " in a segment that is not the newest (it must end with a seal)" : ""));
        }
        if (validFrameFollows(position)) {
            throw new JournalCorruptException(file, position, problem + ", but valid records follow it");
        }
        return Step.NOTHING_YET;
    }

    private static final String END_OF_DATA = "end of data without a seal";

    /** Returns why no valid record starts at {@code at}, or null when one does. */
    private String checkFrame(long at) {
        int limit = bytes.limit();
        if (at + JournalFormat.FRAME_BYTES > limit) {
            return at == limit ? END_OF_DATA : "truncated record frame";
        }
        int offset = (int) at;
        int length = bytes.getInt(offset);
        int recordType = Short.toUnsignedInt(bytes.getShort(offset + FRAME_TYPE));
        if (length == 0 && recordType == 0) {
            return END_OF_DATA;
        }
        if (length < 0 || length > JournalFormat.MAX_PAYLOAD_BYTES) {
            return "impossible payload length " + Integer.toUnsignedString(length);
        }
        if (!knownType(recordType)) {
            return "unknown record type " + recordType;
        }
        if (at + JournalFormat.FRAME_BYTES + length > limit) {
            return "truncated record (" + length + "-byte payload runs past the end of the file)";
        }
        if (recordType == JournalFormat.TYPE_SEAL && length != SEAL_PAYLOAD_BYTES) {
            return "seal record with a " + length + "-byte payload";
        }
        crc.reset();
        crcView.limit(offset + FRAME_CRC).position(offset + FRAME_TYPE);
        crc.update(crcView);
        crcView.limit(offset + JournalFormat.FRAME_BYTES + length).position(offset + JournalFormat.FRAME_BYTES);
        crc.update(crcView);
        if ((int) crc.getValue() != bytes.getInt(offset + FRAME_CRC)) {
            return "record CRC mismatch";
        }
        return null;
    }

    private static boolean knownType(int recordType) {
        return recordType == JournalFormat.TYPE_CLICK || recordType == JournalFormat.TYPE_CONVERSION
                || recordType == JournalFormat.TYPE_ORDER || recordType == JournalFormat.TYPE_SEAL;
    }

    private void acceptRecordAt(long at) throws JournalCorruptException {
        int offset = (int) at;
        long recordSequence = bytes.getLong(offset + FRAME_SEQUENCE);
        // Strictly increasing, not necessarily +1: a reordered or repeated record is corruption either way.
        if (recordSequence <= lastSequence) {
            throw new JournalCorruptException(file, at, "sequence " + recordSequence + " does not follow "
                    + lastSequence);
        }
        type = Short.toUnsignedInt(bytes.getShort(offset + FRAME_TYPE));
        layoutVersion = Short.toUnsignedInt(bytes.getShort(offset + FRAME_LAYOUT));
        sequence = recordSequence;
        lastSequence = recordSequence;
        recordOffset = at;
        payloadLength = bytes.getInt(offset);
        position = at + JournalFormat.FRAME_BYTES + payloadLength;
        tornAt = -1;
        if (type == JournalFormat.TYPE_SEAL) {
            long count = bytes.getLong(offset + JournalFormat.FRAME_BYTES);
            if (countingFromStart && count != recordsSeen) {
                throw new JournalCorruptException(file, at, "seal counts " + count + " records, the segment holds "
                        + recordsSeen);
            }
            sealed = true;
        } else {
            recordsSeen++;
        }
    }

    /**
     * Whether any valid frame starts after the bad one at {@code badAt}. Frames span at most
     * {@code FRAME_BYTES + MAX_PAYLOAD_BYTES}, so a repeated search for the same bad record only needs to look again
     * from that far before where the previous search ended.
     */
    private boolean validFrameFollows(long badAt) {
        long from = badAt + 1;
        if (tornAt == badAt) {
            from = Math.max(from, searchedUpTo - JournalFormat.FRAME_BYTES - JournalFormat.MAX_PAYLOAD_BYTES);
        }
        int limit = bytes.limit();
        for (long at = from; at + JournalFormat.FRAME_BYTES <= limit; at++) {
            if (bytes.getInt((int) at) != 0 && checkFrame(at) == null) {
                return true;
            }
        }
        tornAt = badAt;
        searchedUpTo = limit;
        return false;
    }

    public Path file() {
        return file;
    }

    public SegmentHeader header() {
        return header;
    }

    /** Whether the seal has been read. */
    public boolean sealed() {
        return sealed;
    }

    public boolean newest() {
        return newest;
    }

    /** The mapped file, little-endian; payload bytes of the current record are at {@link #payloadOffset()}. */
    public ByteBuffer buffer() {
        return bytes;
    }

    public int type() {
        return type;
    }

    public int layoutVersion() {
        return layoutVersion;
    }

    public long sequence() {
        return sequence;
    }

    public long recordOffset() {
        return recordOffset;
    }

    public int payloadOffset() {
        return (int) recordOffset + JournalFormat.FRAME_BYTES;
    }

    public int payloadLength() {
        return payloadLength;
    }

    /** Offset just past the current record: where reading resumes. */
    public long endOffset() {
        return position;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}

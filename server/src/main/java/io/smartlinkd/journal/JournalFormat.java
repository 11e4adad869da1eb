package io.smartlinkd.journal;

import java.nio.charset.StandardCharsets;

/**
 * The on-disk journal format, version 1. All integers little-endian.
 *
 * <p><b>Segment files</b> live in {@code DATA/journal/} and are named {@code segment-%020d.seg} by their index
 * (1, 2, ...). Every segment starts with a {@value #HEADER_BYTES}-byte header:
 * <pre>
 *   0  4  magic "SLJ1"
 *   4  2  format version (1)
 *   6  2  node id
 *   8  8  segment index
 *  16  8  created, epoch ms
 *  24  4  CRC32C of bytes 0..23
 *  28  4  reserved (0)
 * </pre>
 * then records, back to back. A segment is <b>sealed</b> when its last record is a {@link #TYPE_SEAL} record;
 * only the newest segment of a journal may be unsealed (open), and only an open segment may end in a torn record,
 * which recovery cuts off. A bad record anywhere in a sealed segment is corruption and is reported with file and
 * offset, never skipped.
 *
 * <p><b>Record frame</b> ({@value #FRAME_BYTES} bytes, then the payload):
 * <pre>
 *   0  4  payload length (bytes after the frame)
 *   4  2  type
 *   6  2  payload layout version
 *   8  8  sequence (per node, +1 per record, continuing across segments)
 *  16  4  CRC32C over bytes 4..15 of the frame and the payload
 * </pre>
 * A zero length and zero type at a record position means "end of written data" (files may be preallocated).
 */
public final class JournalFormat {
    public static final byte[] MAGIC = "SLJ1".getBytes(StandardCharsets.US_ASCII);
    public static final int VERSION = 1;
    public static final int HEADER_BYTES = 32;
    public static final int FRAME_BYTES = 20;
    public static final int MAX_PAYLOAD_BYTES = 64 * 1024;

    public static final int TYPE_CLICK = 1;
    /** Reserved for postback conversions (payload layout defined by the conversions issue). */
    public static final int TYPE_CONVERSION = 2;
    /** Reserved for attributed orders (payload layout defined by the discount-codes issue). */
    public static final int TYPE_ORDER = 3;
    /** Last record of a sealed segment; payload: u64 number of records before it in this segment. */
    public static final int TYPE_SEAL = 0x7FFF;

    private JournalFormat() {
    }

    public static String segmentName(long index) {
        return String.format("segment-%020d.seg", index);
    }
}

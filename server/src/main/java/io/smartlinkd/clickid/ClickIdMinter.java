package io.smartlinkd.clickid;

import static io.smartlinkd.clickid.ClickIdLayout.BINARY_LENGTH;
import static io.smartlinkd.clickid.ClickIdLayout.COUNTER_BITS;
import static io.smartlinkd.clickid.ClickIdLayout.COUNTER_MASK;
import static io.smartlinkd.clickid.ClickIdLayout.MAC_BYTES;
import static io.smartlinkd.clickid.ClickIdLayout.MAC_OFFSET;
import static io.smartlinkd.clickid.ClickIdLayout.MAX_EPOCH_MS;
import static io.smartlinkd.clickid.ClickIdLayout.MAX_MINTER_INDEX;
import static io.smartlinkd.clickid.ClickIdLayout.MAX_NODE_ID;
import static io.smartlinkd.clickid.ClickIdLayout.MAX_OFFER_NUMBER;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Mints click ids for one event loop: writes the 36 URL-safe characters straight into a caller's buffer.
 * <p>
 * <b>Not thread-safe.</b> Create one minter per event loop, each with its own {@code minterIndex}; the index keeps
 * the loops of one node apart without any shared counter. See the package documentation for why the ids are unique.
 * <p>
 * {@link #mint} allocates nothing: it reuses one 27-byte scratch array owned by this minter, computes the MAC with
 * {@link SipHash24} on primitives, and base64url-encodes by table lookup. The counter starts at a random value so
 * that a node restarted while its wall clock was stepped back is unlikely to repeat an earlier id.
 */
public final class ClickIdMinter {
    private final long k0;
    private final long k1;
    private final int nodeId;
    private final int minterIndex;
    private final int sequenceBase;
    private final byte[] scratch = new byte[BINARY_LENGTH];
    private int counter;
    private int lastSequence;

    /**
     * @param key         key of the current MAC
     * @param nodeId      this node, 0..65535, unique among the nodes sharing the key
     * @param minterIndex this minter among the node's minters, 0..255
     * @throws IllegalArgumentException if an argument is out of range
     */
    public ClickIdMinter(ClickIdKey key, int nodeId, int minterIndex) {
        this(key, nodeId, minterIndex, ThreadLocalRandom.current().nextInt() & COUNTER_MASK);
    }

    /** For tests: start the counter at a known value. */
    ClickIdMinter(ClickIdKey key, int nodeId, int minterIndex, int firstCounter) {
        Objects.requireNonNull(key, "key");
        if (nodeId < 0 || nodeId > MAX_NODE_ID) {
            throw new IllegalArgumentException("nodeId must be 0.." + MAX_NODE_ID + ", got " + nodeId);
        }
        if (minterIndex < 0 || minterIndex > MAX_MINTER_INDEX) {
            throw new IllegalArgumentException("minterIndex must be 0.." + MAX_MINTER_INDEX + ", got " + minterIndex);
        }
        this.k0 = key.k0();
        this.k1 = key.k1();
        this.nodeId = nodeId;
        this.minterIndex = minterIndex;
        this.sequenceBase = minterIndex << COUNTER_BITS;
        this.counter = firstCounter & COUNTER_MASK;
    }

    /**
     * Mints the next id and writes it as {@value ClickId#TEXT_LENGTH} ASCII characters into {@code out}.
     *
     * @param epochMs     click time, Unix epoch milliseconds (the request's one clock read)
     * @param linkNumber  stable number of the link clicked
     * @param offerNumber offer chosen, 0..65535; 0 = none
     * @param out         destination; bytes outside {@code offset .. offset + 35} are untouched
     * @param offset      where the first character goes
     * @return {@value ClickId#TEXT_LENGTH}, the number of bytes written
     * @throws IllegalArgumentException  if {@code epochMs} or {@code offerNumber} is out of range
     * @throws IndexOutOfBoundsException if {@code out} has no room at {@code offset}
     */
    public int mint(long epochMs, int linkNumber, int offerNumber, byte[] out, int offset) {
        if (epochMs < 0 || epochMs > MAX_EPOCH_MS) {
            throw new IllegalArgumentException("epochMs out of range: " + epochMs);
        }
        if (offerNumber < 0 || offerNumber > MAX_OFFER_NUMBER) {
            throw new IllegalArgumentException("offerNumber must be 0.." + MAX_OFFER_NUMBER + ", got " + offerNumber);
        }
        Objects.checkFromIndexSize(offset, ClickId.TEXT_LENGTH, out.length);

        final int sequence = sequenceBase | counter;
        counter = (counter + 1) & COUNTER_MASK;
        lastSequence = sequence;

        final byte[] bytes = scratch;
        ClickIdLayout.putHeader(bytes, nodeId, epochMs, linkNumber, offerNumber, sequence);
        ClickIdLayout.putBigEndian(bytes, MAC_OFFSET, MAC_BYTES, SipHash24.hash(k0, k1, bytes, 0, MAC_OFFSET));
        Base64Url.encode(bytes, 0, BINARY_LENGTH, out, offset);
        return ClickId.TEXT_LENGTH;
    }

    /** {@link #mint} into a new String; allocates, so for tests and tools, not the request path. */
    public String mintString(long epochMs, int linkNumber, int offerNumber) {
        byte[] text = new byte[ClickId.TEXT_LENGTH];
        mint(epochMs, linkNumber, offerNumber, text, 0);
        return new String(text, StandardCharsets.US_ASCII);
    }

    /** The sequence field of the id minted last: minter index in the top 8 bits, counter in the low 24. */
    public int lastSequence() {
        return lastSequence;
    }

    public int nodeId() {
        return nodeId;
    }

    public int minterIndex() {
        return minterIndex;
    }

    @Override
    public String toString() {
        return "ClickIdMinter[nodeId=" + nodeId + ", minterIndex=" + minterIndex + "]";
    }
}

package io.smartlinkd.discount;

import io.smartlinkd.link.ByteRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A slot for one ready code and its store id (0 for local codes). Slots circulate between a pool's ready and free
 * queues ({@link CodePool}) instead of being made per code: a pool of 100,000 codes taken at thousands a second
 * would otherwise feed the collector long-lived objects, which are the expensive kind.
 */
public final class PooledCode {
    private byte[] bytes = new byte[32];
    private int length;
    private long storeId;

    void set(byte[] code, long storeId) {
        if (code.length > bytes.length) {
            bytes = new byte[code.length];
        }
        System.arraycopy(code, 0, bytes, 0, code.length);
        this.length = code.length;
        this.storeId = storeId;
    }

    /** Appends the code's bytes to {@code out}. */
    void appendTo(ByteRecord out) {
        out.append(bytes, 0, length);
    }

    public String text() {
        return new String(bytes, 0, length, StandardCharsets.US_ASCII);
    }

    public byte[] code() {
        return Arrays.copyOf(bytes, length);
    }

    public long storeId() {
        return storeId;
    }
}

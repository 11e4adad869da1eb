package io.smartlinkd.journal;

/**
 * One slot of the publish ring: a click payload ({@link ClickLayout}) copied in by the producer. Allocated once
 * when the ring is created and reused for ever.
 *
 * <p>A slot starts with room for a typical click and grows, once, to the largest possible payload the first time a
 * longer one (long user agent, referrer and sub ids) passes through it: full-size slots for the default 65,536-slot
 * ring would hold 200 MB of heap for records that are mostly under 400 bytes.
 */
public final class ClickEvent {
    static final int MAX_PAYLOAD_BYTES = ClickLayout.STRINGS + ClickLayout.STRING_COUNT * (1 + ClickLayout.MAX_STRING_BYTES);
    static final int INITIAL_PAYLOAD_BYTES = 512;

    byte[] payload = new byte[INITIAL_PAYLOAD_BYTES];
    int length;
    /** Record type ({@link JournalFormat}); clicks, and the rare order published by a webhook. */
    int type = JournalFormat.TYPE_CLICK;

    /** The payload array, grown first if it cannot hold {@code length} bytes (producer side, before publish). */
    byte[] room(int length) {
        if (length > payload.length) {
            payload = new byte[Math.max(length, MAX_PAYLOAD_BYTES)];
        }
        return payload;
    }
}

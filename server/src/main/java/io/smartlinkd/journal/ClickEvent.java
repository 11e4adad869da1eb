package io.smartlinkd.journal;

/**
 * One slot of the publish ring: a click payload ({@link ClickLayout}) copied in by the producer. Allocated once
 * when the ring is created and reused for ever.
 */
public final class ClickEvent {
    static final int MAX_PAYLOAD_BYTES = ClickLayout.STRINGS + ClickLayout.STRING_COUNT * (1 + ClickLayout.MAX_STRING_BYTES);

    final byte[] payload = new byte[MAX_PAYLOAD_BYTES];
    int length;
    /** Record type ({@link JournalFormat}); clicks, and the rare order published by a webhook. */
    int type = JournalFormat.TYPE_CLICK;
}

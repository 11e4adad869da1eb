package io.smartlinkd.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Test access to a draft's finished bytes, as the journal would store them, for tests outside this package. */
public final class FinishedDrafts {
    private FinishedDrafts() {
    }

    /** Finishes the draft and returns its record, little-endian, ready for {@link ClickRecordView#wrap}. */
    public static ByteBuffer finish(ClickDraft draft) {
        int length = draft.finish();
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(draft.bytes, 0, length).flip();
        return buffer;
    }
}

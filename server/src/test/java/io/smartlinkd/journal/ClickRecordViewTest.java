package io.smartlinkd.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** The click layout grew a trailing decision string; records written before it must still read. */
class ClickRecordViewTest {
    @Test
    void shouldReadTheDecisionAndTreatItAsEmptyInOlderRecords() {
        ClickDraft draft = new ClickDraft().begin(1_700_000_000_000L);
        for (int i = 0; i < ClickLayout.REQUIRED_STRING_COUNT; i++) {
            String text = "s" + i;
            draft.string(text, 0, text.length());
        }
        int olderLength = draft.length();
        draft.string("7c,9t;f", 0, 7);
        int length = draft.finish();

        ClickRecordView view = new ClickRecordView();
        assertNull(view.wrap(buffer(draft.bytes, length), 0, length));
        assertEquals("7c,9t;f", view.string(ClickLayout.DECISION));
        assertEquals("s5", view.string(ClickLayout.UTM_SOURCE));

        assertNull(view.wrap(buffer(draft.bytes, olderLength), 0, olderLength), "an 11-string record is valid");
        assertEquals("", view.string(ClickLayout.DECISION));
        assertEquals("s10", view.string(ClickLayout.DECISION - 1));

        int truncated = olderLength - 3;
        assertNotNull(view.wrap(buffer(draft.bytes, truncated), 0, truncated), "a required string cut short is not");
    }

    private static ByteBuffer buffer(byte[] bytes, int length) {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        buffer.put(bytes, 0, length).flip();
        return buffer;
    }
}

package io.smartlinkd.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.ClickRecordView;
import io.smartlinkd.journal.FinishedDrafts;
import io.smartlinkd.text.ByteChars;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(10)
class RequestMacrosTest {
    @Test
    void shouldRecordTheFirstValueOfEachRecordedParameterDecoded() {
        ClickRecordView view = describe("/promo?sub2=b&utm_source=u%20x&sub1=a&sub1=zz&sub5&sub3=c+d&x=1&sub4=%4G");
        assertEquals("u x", view.string(ClickLayout.UTM_SOURCE));
        assertEquals("a", view.string(ClickLayout.SUB1));
        assertEquals("b", view.string(ClickLayout.SUB1 + 1));
        assertEquals("c d", view.string(ClickLayout.SUB1 + 2));
        assertEquals("%4G", view.string(ClickLayout.SUB1 + 3));
        assertEquals("", view.string(ClickLayout.SUB1 + 4), "a name without '=' has an empty value");
    }

    @Test
    void shouldRecordEmptyStringsWithoutAQuery() {
        for (String target : new String[] {"/promo", "/promo?", "/promo?&&", "/promo?sub=1&sub10=2&Sub1=3"}) {
            ClickRecordView view = describe(target);
            for (int i = ClickLayout.UTM_SOURCE; i <= ClickLayout.SUB1 + 4; i++) {
                assertEquals("", view.string(i), target + " string " + i);
            }
        }
    }

    private static ClickRecordView describe(String target) {
        byte[] bytes = target.getBytes(StandardCharsets.ISO_8859_1);
        ByteChars uri = new ByteChars().wrap(bytes, 0, bytes.length);
        int pathEnd = target.indexOf('?') < 0 ? bytes.length : target.indexOf('?');
        int queryStart = pathEnd < bytes.length ? pathEnd + 1 : pathEnd;
        RequestMacros macros = new RequestMacros();
        macros.set(uri, queryStart, bytes.length, 1, pathEnd, null);
        ClickDraft draft = new ClickDraft().begin(1_700_000_000_000L);
        macros.describe(draft, ClickOutcome.REDIRECTED, 302);
        ByteBuffer record = FinishedDrafts.finish(draft);
        ClickRecordView view = new ClickRecordView();
        assertNull(view.wrap(record, 0, record.remaining()));
        return view;
    }
}

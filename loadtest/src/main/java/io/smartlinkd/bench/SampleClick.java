package io.smartlinkd.bench;

import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.journal.ClickLayout;
import java.nio.charset.StandardCharsets;

/**
 * A realistic click record, written into a draft the way the click handler fills it (outcome, click id, link,
 * offer and rule, country, device, truncated IPv4, then the short strings), for the journal benchmarks.
 * Allocation-free after construction; not thread-safe only in that the caller owns the draft.
 */
final class SampleClick {
    private static final byte[] CLICK_ID = ascii("AQABAaIHz8NoAAAAAgAAAfiKym3Boa3uxiUH");
    private static final byte[] DOMAIN = ascii("go.example.com");
    private static final byte[] LINK_ID = ascii("summer-sale-2026");
    private static final byte[] SLUG = ascii("summer-sale");
    private static final byte[] PARTNER = ascii("anna");
    private static final byte[] UTM_SOURCE = ascii("instagram");
    private static final byte[] SUB1 = ascii("post-42");
    private static final byte[] DECISION = ascii("3t,4c");
    private static final byte[] IP = {(byte) 203, 0, 113, 0};
    private static final int COUNTRY_DE = ('D' << 8) | 'E';

    private SampleClick() {
    }

    /** Fills {@code draft} with a click at {@code epochMs} on link {@code linkNumber}; returns it. */
    static ClickDraft fill(ClickDraft draft, long epochMs, int linkNumber) {
        return draft.begin(epochMs).clickId(CLICK_ID, 0).linkNumber(linkNumber)
                .outcome(ClickLayout.Outcome.REDIRECTED, 302).offerNumber(3).ruleNumber(6)
                .addFlags(ClickLayout.FLAG_UNIQUE).country(COUNTRY_DE).agent(2, 3, 4).ip(1, IP)
                .string(DOMAIN, 0, DOMAIN.length).string(LINK_ID, 0, LINK_ID.length).string(SLUG, 0, SLUG.length)
                .string(PARTNER, 0, PARTNER.length).emptyString().string(UTM_SOURCE, 0, UTM_SOURCE.length)
                .string(SUB1, 0, SUB1.length).emptyString().emptyString().emptyString().emptyString()
                .string(DECISION, 0, DECISION.length);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

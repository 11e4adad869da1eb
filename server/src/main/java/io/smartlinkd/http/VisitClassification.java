package io.smartlinkd.http;

import io.smartlinkd.agent.UserAgentClassifier;
import io.smartlinkd.journal.ClickDraft;
import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.text.CharScan;
import io.smartlinkd.visitor.ClientIp;

/**
 * What one click's request says about its visitor: country, device, OS, browser, and whether it is a bot or a
 * prefetch rather than a person clicking. Filled once per request; confined to its event loop.
 */
final class VisitClassification {
    private int country;
    private long agent;
    private boolean bot;
    private boolean prefetch;

    /**
     * HEAD requests and browser prefetches ({@code Sec-Purpose}, {@code Purpose}, {@code X-Moz}, {@code X-Purpose})
     * are not a person clicking: flagged as prefetches and counted with the bots.
     */
    void classify(Classifiers classifiers, ClientIp client, ClickRequest request, CharSequence userAgent,
                  boolean head) {
        country = classifiers.geoTable().country(client.ip(), client.length());
        agent = classifiers.userAgents().classify(userAgent);
        prefetch = head || mentionsPrefetch(request.field(HeaderNames.SEC_PURPOSE))
                || mentionsPrefetch(request.field(HeaderNames.PURPOSE))
                || mentionsPrefetch(request.field(HeaderNames.X_MOZ))
                || mentionsPrefetch(request.field(HeaderNames.X_PURPOSE));
        bot = prefetch || UserAgentClassifier.bot(agent);
    }

    /** Every field into the click record. */
    void describe(ClickDraft draft) {
        draft.country(country).agent(device(), os(), browser());
        if (bot) {
            draft.addFlags(ClickLayout.FLAG_BOT);
        }
        if (prefetch) {
            draft.addFlags(ClickLayout.FLAG_PREFETCH);
        }
    }

    int country() {
        return country;
    }

    int device() {
        return UserAgentClassifier.device(agent);
    }

    int os() {
        return UserAgentClassifier.os(agent);
    }

    int browser() {
        return UserAgentClassifier.browser(agent);
    }

    boolean bot() {
        return bot;
    }

    boolean prefetch() {
        return prefetch;
    }

    private static boolean mentionsPrefetch(CharSequence value) {
        return value != null && (CharScan.contains(value, "prefetch") || CharScan.contains(value, "preview"));
    }
}

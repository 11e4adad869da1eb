package io.smartlinkd.http;

import io.smartlinkd.journal.ClickLayout;

/** How a click request on the public listener was answered; each is counted. */
public enum ClickOutcome {
    /** 30x to the link's destination. */
    REDIRECTED("redirected", ClickLayout.Outcome.REDIRECTED),
    /** Inactive link, sent to its fallback. */
    FALLBACK("fallback", ClickLayout.Outcome.FALLBACK),
    /** Inactive link without fallback, answered as not found. */
    INACTIVE("inactive", ClickLayout.Outcome.INACTIVE),
    /** No such slug on the domain, or no such domain. */
    NOT_FOUND("not_found", ClickLayout.Outcome.NOT_FOUND),
    /** Partner unknown or without access; answered by the link's rejection behaviour. */
    REJECTED("rejected", ClickLayout.Outcome.REJECTED),
    /** A rule sent the click to a pool with no eligible offer and no usable fallback: the link's on_lost answer. */
    LOST("lost", ClickLayout.Outcome.LOST),
    /** Malformed, oversized, slow or otherwise refused HTTP. */
    BAD_REQUEST("bad_request", null),
    /** The journal could not take the record (ring full or writer failed): answered 503, nothing sent. */
    UNAVAILABLE("unavailable", null);

    private final String label;
    private final ClickLayout.Outcome recorded;

    ClickOutcome(String label, ClickLayout.Outcome recorded) {
        this.label = label;
        this.recorded = recorded;
    }

    /** The outcome as journaled; null for answers that are not clicks. */
    public ClickLayout.Outcome recorded() {
        return recorded;
    }

    public String label() {
        return label;
    }
}

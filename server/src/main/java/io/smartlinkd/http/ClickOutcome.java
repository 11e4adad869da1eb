package io.smartlinkd.http;

/** How a click request on the public listener was answered; each is counted. */
public enum ClickOutcome {
    /** 30x to the link's destination. */
    REDIRECTED("redirected"),
    /** Inactive link, sent to its fallback. */
    FALLBACK("fallback"),
    /** Inactive link without fallback, answered as not found. */
    INACTIVE("inactive"),
    /** No such slug on the domain, or no such domain. */
    NOT_FOUND("not_found"),
    /** Partner unknown or without access; answered by the link's rejection behaviour. */
    REJECTED("rejected"),
    /** Malformed, oversized, slow or otherwise refused HTTP. */
    BAD_REQUEST("bad_request");

    private final String label;

    ClickOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}

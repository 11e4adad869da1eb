package io.smartlinkd.config;

/**
 * What a link answers when the partner in the path is unknown or has no access.
 *
 * @param url target for {@link Kind#URL}, else null
 */
public record Rejection(Kind kind, String url) {
    public enum Kind {
        /** Redirect to the link's own destination, without partner attribution. */
        DESTINATION,
        /** Answer as for an unknown slug (404 or the domain's not-found URL). */
        NOT_FOUND,
        /** 403. */
        FORBIDDEN,
        /** Redirect to {@link #url()}. */
        URL
    }

    public static final Rejection DEFAULT = new Rejection(Kind.DESTINATION, null);
}

package io.smartlinkd.config;

/**
 * What a link answers when a rule sends the click to a pool and no offer (nor the pool's fallback) is eligible:
 * a lost click.
 *
 * @param url    target for {@link Kind#URL}, else null
 * @param status HTTP status for {@link Kind#STATUS} (404, 410 or 503), else 0
 */
public record OnLost(Kind kind, String url, int status) {
    public enum Kind {
        /** Redirect (302) to {@link #url()}. */
        URL,
        /** A plain response with {@link #status()}. */
        STATUS
    }

    public static final OnLost DEFAULT = new OnLost(Kind.STATUS, null, 404);
}

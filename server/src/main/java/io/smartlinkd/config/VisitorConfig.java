package io.smartlinkd.config;

/**
 * The {@code server.visitors:} section: the visitor cookie and unique clicks.
 *
 * @param setCookie      read and write the visitor cookie; false = visit count always 1, uniques by IP + User-Agent
 * @param cookieName     the cookie's name
 * @param maxAgeMs       the cookie's lifetime ({@code Max-Age}), renewed on every click
 * @param secure         add {@code Secure} (set it when visitors reach us over HTTPS, e.g. through a TLS proxy)
 * @param uniqueWindowMs a visitor's click on a link is unique when they had no unique click on it this long before
 * @param uniqueCapacity slots of the in-memory table that remembers unique clicks (8 bytes each)
 */
public record VisitorConfig(boolean setCookie, String cookieName, long maxAgeMs, boolean secure, long uniqueWindowMs,
                            int uniqueCapacity) {
    /** Bounds of {@code unique_capacity}; the table rounds up to a power of two. */
    public static final int MIN_UNIQUE_CAPACITY = 1 << 10;
    public static final int MAX_UNIQUE_CAPACITY = 1 << 27;

    public static final VisitorConfig DEFAULTS = new VisitorConfig(true, "slv", 365L * 86_400_000, false, 86_400_000,
            1 << 20);
}

package io.smartlinkd.config;

/**
 * Bounds on what one client may send or hold open on the public listener.
 *
 * @param maxRequestLineBytes longer request lines are answered 414
 * @param maxHeaderBytes      larger header blocks are answered 431
 * @param headerTimeoutMs     a request whose headers take longer to arrive is cut (slow clients)
 * @param idleTimeoutMs       a keep-alive connection idle this long is closed
 */
public record Limits(int maxRequestLineBytes, int maxHeaderBytes, long headerTimeoutMs, long idleTimeoutMs) {
    public static final Limits DEFAULTS = new Limits(4096, 8192, 10_000, 60_000);
}

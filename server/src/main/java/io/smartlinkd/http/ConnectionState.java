package io.smartlinkd.http;

import io.netty.channel.Channel;

/**
 * Timing state of one client connection, written only by its event loop and checked by that loop's
 * {@link ConnectionSweeper}: when the current request's first byte arrived and when the connection was last busy.
 */
final class ConnectionState {
    final Channel channel;
    /** Nanos at the first byte of a request whose headers are not complete yet; 0 when none is pending. */
    long requestStartNanos;
    long lastActiveNanos;
    /** Position in the sweeper's list, for O(1) removal. */
    int slot = -1;

    ConnectionState(Channel channel, long nowNanos) {
        this.channel = channel;
        this.lastActiveNanos = nowNanos;
    }

    void bytesArrived(long nowNanos) {
        if (requestStartNanos == 0) {
            requestStartNanos = nowNanos;
        }
        lastActiveNanos = nowNanos;
    }

    void headersComplete(long nowNanos) {
        requestStartNanos = 0;
        lastActiveNanos = nowNanos;
    }
}

package io.smartlinkd.http;

import io.netty.channel.Channel;
import io.smartlinkd.net.IpAddresses;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * State of one client connection, written only by its event loop: the peer address (the socket's, or the PROXY
 * protocol header's), and the timing its loop's {@link ConnectionSweeper} checks: when the current request's first
 * byte arrived and when the connection was last busy.
 */
final class ConnectionState {
    final Channel channel;
    /** Nanos at the first byte of a request whose headers are not complete yet; 0 when none is pending. */
    long requestStartNanos;
    long lastActiveNanos;
    /** Position in the sweeper's list, for O(1) removal. */
    int slot = -1;
    /** The peer's address, or the client's as a PROXY protocol header stated it; length 0 when unknown. */
    private final byte[] peer = new byte[IpAddresses.IPV6_BYTES];
    private int peerLength;

    ConnectionState(Channel channel, long nowNanos) {
        this.channel = channel;
        this.lastActiveNanos = nowNanos;
    }

    /** Takes the socket's remote address; once per connection. */
    void peer(SocketAddress address) {
        peerLength = 0;
        if (address instanceof InetSocketAddress) {
            InetAddress inet = ((InetSocketAddress) address).getAddress();
            if (inet != null) {
                peerLength = IpAddresses.fromInet(inet, peer);
            }
        }
    }

    /** Replaces the peer with the source address of a PROXY protocol header. */
    void proxiedPeer(byte[] address, int length) {
        System.arraycopy(address, 0, peer, 0, length);
        peerLength = length;
    }

    byte[] peer() {
        return peer;
    }

    int peerLength() {
        return peerLength;
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

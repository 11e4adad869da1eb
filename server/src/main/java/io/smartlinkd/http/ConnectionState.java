package io.smartlinkd.http;

import io.netty.channel.Channel;
import io.smartlinkd.config.JournalConfig;
import io.smartlinkd.journal.ClickDraft;
import java.net.InetAddress;
import java.net.InetSocketAddress;

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
    private int ipForm;
    private final byte[] ip = new byte[16];

    ConnectionState(Channel channel, long nowNanos) {
        this.channel = channel;
        this.lastActiveNanos = nowNanos;
    }

    /**
     * Keeps the peer address only in its privacy form (IPv4 /24, IPv6 /48), computed once per connection.
     */
    void clientAddress(java.net.SocketAddress address, JournalConfig.IpPrivacy privacy) {
        if (privacy == JournalConfig.IpPrivacy.NONE || !(address instanceof InetSocketAddress)) {
            return;
        }
        InetAddress inet = ((InetSocketAddress) address).getAddress();
        if (inet == null) {
            return;
        }
        byte[] raw = inet.getAddress();
        if (raw.length == 4) {
            ipForm = 1;
            System.arraycopy(raw, 0, ip, 0, 3);
        } else {
            ipForm = 2;
            System.arraycopy(raw, 0, ip, 0, 6);
        }
    }

    void describeClient(ClickDraft draft) {
        if (ipForm != 0) {
            draft.ip(ipForm, ip);
        }
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

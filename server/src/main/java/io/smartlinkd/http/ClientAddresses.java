package io.smartlinkd.http;

import io.smartlinkd.visitor.ClientIp;

/**
 * Feeds a request's {@code X-Forwarded-For} lines to {@link ClientIp}, last line first. Several lines are one list
 * in the order they arrived: a proxy may add its own line after a line the client sent, so the last line is the
 * proxy's. Allocates nothing: the lines are views over the request's bytes.
 */
final class ClientAddresses {
    private ClientAddresses() {
    }

    static void resolve(ClientIp client, ConnectionState connection, ClickRequest request) {
        if (!client.start(connection.peer(), connection.peerLength())) {
            return;
        }
        for (int i = request.forwardedForCount() - 1; i >= 0 && client.walk(request.forwardedFor(i)); i--) {
            // the line before continues the chain
        }
    }
}

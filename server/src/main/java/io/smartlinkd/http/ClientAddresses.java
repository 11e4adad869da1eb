package io.smartlinkd.http;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.util.AsciiString;
import io.smartlinkd.visitor.ClientIp;
import java.util.Iterator;
import java.util.List;

/**
 * Feeds a request's {@code X-Forwarded-For} lines to {@link ClientIp}, last line first. Several lines are one list
 * in the order they arrived: a proxy may add its own line after a line the client sent, so the last line is the
 * proxy's. The common single line is read through the header's value iterator (no list); only several lines pay
 * for {@link HttpHeaders#getAll}, whose order is the arrival order.
 */
final class ClientAddresses {
    static final AsciiString X_FORWARDED_FOR = AsciiString.cached("x-forwarded-for");

    private ClientAddresses() {
    }

    static void resolve(ClientIp client, ConnectionState connection, HttpHeaders headers) {
        if (!client.start(connection.peer(), connection.peerLength())) {
            return;
        }
        Iterator<? extends CharSequence> lines = headers.valueCharSequenceIterator(X_FORWARDED_FOR);
        if (!lines.hasNext()) {
            return;
        }
        CharSequence first = lines.next();
        if (!lines.hasNext()) {
            client.walk(first);
            return;
        }
        List<String> all = headers.getAll(X_FORWARDED_FOR);
        for (int i = all.size() - 1; i >= 0 && client.walk(all.get(i)); i--) {
            // the line before continues the chain
        }
    }
}

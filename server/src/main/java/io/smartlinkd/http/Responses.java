package io.smartlinkd.http;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Pre-encoded response parts, written as bytes so answering a click builds no strings and no header objects.
 */
final class Responses {
    static final byte[] CRLF = ascii("\r\n");
    static final byte[] LOCATION = ascii("Location: ");
    static final byte[] NO_STORE_EMPTY = ascii("Cache-Control: private, no-store\r\nContent-Length: 0\r\n");
    static final byte[] CONNECTION_CLOSE = ascii("Connection: close\r\n");
    static final byte[] CONNECTION_KEEP_ALIVE = ascii("Connection: keep-alive\r\n");

    private static final byte[] STATUS_301 = ascii("HTTP/1.1 301 Moved Permanently\r\n");
    private static final byte[] STATUS_302 = ascii("HTTP/1.1 302 Found\r\n");
    private static final byte[] STATUS_307 = ascii("HTTP/1.1 307 Temporary Redirect\r\n");
    private static final byte[] STATUS_308 = ascii("HTTP/1.1 308 Permanent Redirect\r\n");

    private Responses() {
    }

    static byte[] redirectStatusLine(int status) {
        switch (status) {
            case 301:
                return STATUS_301;
            case 307:
                return STATUS_307;
            case 308:
                return STATUS_308;
            default:
                return STATUS_302;
        }
    }

    /** A complete plain-text response: status line and headers, and (unless HEAD) the body. */
    static final class Plain {
        final int status;
        final byte[] head;
        final byte[] body;

        Plain(int status, String reason, String body, String extraHeaders) {
            this.status = status;
            this.body = ascii(body);
            this.head = ascii("HTTP/1.1 " + status + " " + reason + "\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n"
                    + "Cache-Control: private, no-store\r\n"
                    + extraHeaders
                    + "Content-Length: " + this.body.length + "\r\n");
        }

        void writeHead(ByteBuf out) {
            out.writeBytes(head);
        }

        void writeBody(ByteBuf out) {
            out.writeBytes(body);
        }
    }

    static final Plain NOT_FOUND = new Plain(404, "Not Found", "not found\n", "");
    static final Plain FORBIDDEN = new Plain(403, "Forbidden", "forbidden\n", "");
    static final Plain BAD_REQUEST = new Plain(400, "Bad Request", "bad request\n", "");
    static final Plain METHOD_NOT_ALLOWED = new Plain(405, "Method Not Allowed", "method not allowed\n",
            "Allow: GET, HEAD\r\n");
    static final Plain REQUEST_TIMEOUT = new Plain(408, "Request Timeout", "request timeout\n", "");
    static final Plain URI_TOO_LONG = new Plain(414, "URI Too Long", "request line too long\n", "");
    static final Plain HEADERS_TOO_LARGE = new Plain(431, "Request Header Fields Too Large",
            "request headers too large\n", "");
    static final Plain UNAVAILABLE = new Plain(503, "Service Unavailable", "busy, retry\n", "Retry-After: 1\r\n");
    static final Plain OK = new Plain(200, "OK", "ok\n", "");
    static final Plain PAYLOAD_TOO_LARGE = new Plain(413, "Content Too Large", "body too large\n", "");
    static final Plain READY = new Plain(200, "OK", "ready\n", "");
    static final Plain NOT_READY = new Plain(503, "Service Unavailable", "not ready\n", "Retry-After: 1\r\n");
    static final Plain LOST_GONE = new Plain(410, "Gone", "no offer available\n", "");
    static final Plain LOST_UNAVAILABLE = new Plain(503, "Service Unavailable", "no offer available\n", "");

    /** A lost click's on_lost status (404, 410 or 503). */
    static Plain lost(int status) {
        switch (status) {
            case 410:
                return LOST_GONE;
            case 503:
                return LOST_UNAVAILABLE;
            default:
                return NOT_FOUND;
        }
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

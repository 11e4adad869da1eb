package io.smartlinkd.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import java.util.List;

/**
 * Frames request heads on the public listener and hands each to the click handler as the loop's one
 * {@link ClickRequest}, so a click allocates nothing between the socket and the handler (Netty's decoder builds a
 * String per header value, a header map and a request object per click).
 *
 * <p>Bytes stay in the cumulation buffer until a head is complete; each read scans only the bytes it added, line by
 * line, checking the limits as they arrive: a request line longer than {@code maxRequestLineBytes} is refused 414
 * and a header block over {@code maxHeaderBytes} 431 (line endings not counted) before the rest is even sent. A
 * malformed request line is refused 400 as soon as it is complete. A complete head is copied into the request's
 * bytes and parsed there ({@link RequestHeadParser}); pipelined heads are decoded one after the other. After a
 * refusal the connection only discards (the handler answers and closes it).
 *
 * <p>A {@code POST} (order webhooks, rare) is the one request with a body: its connection is handed to Netty's
 * {@link HttpRequestDecoder} with the same limits, which replaces this decoder and receives the unread bytes,
 * request line included.
 *
 * <p>One per connection; its framing state is a few ints; the request and its bytes belong to the event loop.
 */
final class ClickRequestDecoder extends ByteToMessageDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';

    private final ClickRequest request;
    private final int maxRequestLineBytes;
    private final int maxHeaderBytes;
    private final HttpDecoderConfig webhookConfig;
    // The head being received, as offsets from the buffer's reader index (its first byte, which stays put).
    private int scanned;
    private int lineStart;
    private boolean inHeaders;
    private boolean requestLineChecked;
    private int headerBytes;
    private boolean refused;

    /**
     * @param request       the event loop's request, re-filled for every head
     * @param webhookConfig Netty's decoder configuration (the same limits) for a connection that turns out to POST
     */
    ClickRequestDecoder(ClickRequest request, int maxRequestLineBytes, int maxHeaderBytes,
                        HttpDecoderConfig webhookConfig) {
        this.request = request;
        this.maxRequestLineBytes = maxRequestLineBytes;
        this.maxHeaderBytes = maxHeaderBytes;
        this.webhookConfig = webhookConfig;
    }

    /**
     * The longest head a decoder with these limits passes on: the request line with its CRLF, and header lines of
     * at least one byte each, so at most three bytes per counted byte with their CRLF, then the blank line.
     */
    static int headCapacity(int maxRequestLineBytes, int maxHeaderBytes) {
        return maxRequestLineBytes + 2 + 3 * maxHeaderBytes + 2;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (refused) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (scanned == 0) {
            skipLeadingBlankLines(in);
        }
        int start = in.readerIndex();
        int end = in.writerIndex();
        while (true) {
            int lf = in.indexOf(start + scanned, end, LF);
            if (lf < 0) {
                scanned = end - start;
                checkPartialLine(in, start, end, out);
                return;
            }
            scanned = lf + 1 - start;
            int lineBytes = lineBytes(in, start, lf);
            if (!inHeaders) {
                if (lineBytes > maxRequestLineBytes) {
                    refuse(in, out, Responses.URI_TOO_LONG);
                    return;
                }
                if (isPost(in, start, lf)) {
                    handToWebhookDecoder(ctx);
                    return;
                }
                inHeaders = true;
            } else if (lineBytes == 0) {
                completeHead(in, start, out);
                return;
            } else {
                headerBytes += lineBytes;
                if (headerBytes > maxHeaderBytes) {
                    refuse(in, out, Responses.HEADERS_TOO_LARGE);
                    return;
                }
            }
            lineStart = scanned;
        }
    }

    /**
     * Empty lines (and stray spaces) before a request line are skipped, as RFC 9112 section 2.2 asks of a server
     * that reads a request after a client sent an extra CRLF.
     */
    private static void skipLeadingBlankLines(ByteBuf in) {
        int at = in.readerIndex();
        int end = in.writerIndex();
        while (at < end) {
            byte b = in.getByte(at);
            if (b != CR && b != LF && b != ' ' && b != '\t') {
                break;
            }
            at++;
        }
        in.readerIndex(at);
    }

    /**
     * The head is incomplete: refuses a line already over its limit (a CR that may end it not counted, so the
     * answer does not depend on where the bytes were split), and checks a complete request line early.
     */
    private void checkPartialLine(ByteBuf in, int start, int end, List<Object> out) {
        int lineBytes = lineBytes(in, start, end);
        if (!inHeaders) {
            if (lineBytes > maxRequestLineBytes) {
                refuse(in, out, Responses.URI_TOO_LONG);
            }
            return;
        }
        if (headerBytes + lineBytes > maxHeaderBytes) {
            refuse(in, out, Responses.HEADERS_TOO_LARGE);
            return;
        }
        if (!requestLineChecked) {
            requestLineChecked = true;
            int requestLine = firstLineLength(in, start);
            in.getBytes(start, request.bytes, 0, requestLine);
            if (!RequestHeadParser.requestLineValid(request, requestLine)) {
                refuse(in, out, Responses.BAD_REQUEST);
            }
        }
    }

    /** The current line's bytes up to {@code end}, as the limits count them: without a CR just before it. */
    private int lineBytes(ByteBuf in, int start, int end) {
        int bytes = end - start - lineStart;
        return bytes > 0 && in.getByte(end - 1) == CR ? bytes - 1 : bytes;
    }

    private void completeHead(ByteBuf in, int start, List<Object> out) {
        int length = scanned;
        in.getBytes(start, request.bytes, 0, length);
        in.skipBytes(length);
        resetFraming();
        RequestHeadParser.parse(request, length);
        if (request.refusal() != null) {
            refused = true;
            in.skipBytes(in.readableBytes());
        }
        out.add(request);
    }

    private void refuse(ByteBuf in, List<Object> out, Responses.Plain answer) {
        refused = true;
        in.skipBytes(in.readableBytes());
        request.reset(0);
        request.refuse(answer);
        out.add(request);
    }

    /**
     * Replaces this decoder with Netty's for the rest of the connection; {@link ByteToMessageDecoder} passes the
     * unread bytes (this request from its first byte) to the replacement when it is removed.
     */
    private void handToWebhookDecoder(ChannelHandlerContext ctx) {
        resetFraming();
        ctx.pipeline().replace(this, ctx.name(), new HttpRequestDecoder(webhookConfig));
    }

    private void resetFraming() {
        scanned = 0;
        lineStart = 0;
        inHeaders = false;
        requestLineChecked = false;
        headerBytes = 0;
    }

    private int firstLineLength(ByteBuf in, int start) {
        return in.indexOf(start, in.writerIndex(), LF) + 1 - start;
    }

    /** Whether the request line {@code [start, lf)} starts with the method {@code POST} (case-sensitive). */
    private static boolean isPost(ByteBuf in, int start, int lf) {
        return lf - start > 5 && in.getByte(start) == 'P' && in.getByte(start + 1) == 'O'
                && in.getByte(start + 2) == 'S' && in.getByte(start + 3) == 'T'
                && (in.getByte(start + 4) == ' ' || in.getByte(start + 4) == '\t');
    }
}

package io.smartlinkd.loadgen;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;

/**
 * Frames HTTP/1.1 responses on a lane's connection and hands each one's status and keep-alive to the lane, without
 * allocating: status line, the three headers that decide framing and reuse (Content-Length, Transfer-Encoding,
 * Connection), then the body skipped by length, by chunks, or until the server closes. Netty's
 * {@code HttpResponseDecoder} built a header map, strings and message objects for every response, about 1.8 KB that
 * the generator never read; at 28,000 responses a second its young collections landed in the measured window.
 *
 * <p>A line longer than {@link #MAX_LINE} bytes, a status line that is not {@code HTTP/1.x NNN}, or a bad
 * Content-Length or chunk size is a broken response: the lane counts it and drops the connection.
 */
final class ResponseReader extends ChannelInboundHandlerAdapter {
    static final int MAX_LINE = 8192;

    /** What the lane learns from a response. */
    interface Listener {
        void onResponse(Channel ch, int status, boolean keepAlive);

        /** @param io true when the connection failed, false when the response could not be framed */
        void onBroken(Channel ch, boolean io);
    }

    private enum State { STATUS, HEADERS, FIXED_BODY, CHUNK_SIZE, CHUNK_DATA, CHUNK_END, TRAILERS, UNTIL_CLOSE, BROKEN }

    private static final byte[] CONTENT_LENGTH = lower("content-length:");
    private static final byte[] TRANSFER_ENCODING = lower("transfer-encoding:");
    private static final byte[] CONNECTION = lower("connection:");
    private static final byte[] CHUNKED = lower("chunked");
    private static final byte[] CLOSE = lower("close");
    private static final byte[] KEEP_ALIVE = lower("keep-alive");

    private final Listener listener;
    private Channel channel;
    private final byte[] line = new byte[MAX_LINE];
    private int lineLength;
    private State state = State.STATUS;
    private int status;
    private boolean http10;
    private boolean keepAlive;
    private boolean chunked;
    private long contentLength;
    private long remaining;

    ResponseReader(Listener listener) {
        this.listener = listener;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        try {
            while (in.isReadable() && state != State.BROKEN) {
                step(in);
            }
        } finally {
            in.release();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (state == State.UNTIL_CLOSE) {
            deliver(); // a body delimited by the end of the connection is complete now
        } else {
            listener.onBroken(channel, true);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        listener.onBroken(channel, true);
    }

    private void step(ByteBuf in) {
        switch (state) {
            case STATUS, HEADERS, CHUNK_SIZE, CHUNK_END, TRAILERS -> {
                if (readLine(in)) {
                    onLine();
                    lineLength = 0;
                }
            }
            case FIXED_BODY, CHUNK_DATA -> {
                int skip = (int) Math.min(remaining, in.readableBytes());
                in.skipBytes(skip);
                remaining -= skip;
                if (remaining == 0) {
                    if (state == State.FIXED_BODY) {
                        deliver();
                    } else {
                        state = State.CHUNK_END;
                    }
                }
            }
            case UNTIL_CLOSE -> in.skipBytes(in.readableBytes());
            case BROKEN -> { }
        }
    }

    /** Appends up to the next LF to {@link #line}; true once a whole line (without CR LF) is there. */
    private boolean readLine(ByteBuf in) {
        int lf = in.indexOf(in.readerIndex(), in.writerIndex(), (byte) '\n');
        int end = lf < 0 ? in.writerIndex() : lf;
        int count = end - in.readerIndex();
        if (lineLength + count > MAX_LINE) {
            broken();
            return false;
        }
        in.readBytes(line, lineLength, count);
        lineLength += count;
        if (lf < 0) {
            return false;
        }
        in.skipBytes(1);
        if (lineLength > 0 && line[lineLength - 1] == '\r') {
            lineLength--;
        }
        return true;
    }

    private void onLine() {
        switch (state) {
            case STATUS -> statusLine();
            case HEADERS -> {
                if (lineLength == 0) {
                    endOfHead();
                } else {
                    header();
                }
            }
            case CHUNK_SIZE -> chunkSize();
            case CHUNK_END -> {
                if (lineLength == 0) {
                    state = State.CHUNK_SIZE;
                } else {
                    broken();
                }
            }
            case TRAILERS -> {
                if (lineLength == 0) {
                    deliver();
                }
            }
            default -> broken();
        }
    }

    /** {@code HTTP/1.1 302 Found}: the version decides the default keep-alive. */
    private void statusLine() {
        if (lineLength < 12 || !startsWith("HTTP/1.") || line[8] != ' ' || !digit(line[9]) || !digit(line[10])
            || !digit(line[11]) || (lineLength > 12 && line[12] != ' ')) {
            broken();
            return;
        }
        http10 = line[7] == '0';
        keepAlive = !http10;
        status = (line[9] - '0') * 100 + (line[10] - '0') * 10 + (line[11] - '0');
        chunked = false;
        contentLength = -1;
        state = State.HEADERS;
    }

    private void header() {
        if (nameIs(CONTENT_LENGTH)) {
            long value = 0;
            int digits = 0;
            for (int i = valueStart(CONTENT_LENGTH.length); i < lineLength && line[i] != ' ' && line[i] != '\t'; i++) {
                if (!digit(line[i]) || ++digits > 15) {
                    broken();
                    return;
                }
                value = value * 10 + (line[i] - '0');
            }
            if (digits == 0) {
                broken();
                return;
            }
            contentLength = value;
        } else if (nameIs(TRANSFER_ENCODING)) {
            chunked = valueContains(TRANSFER_ENCODING.length, CHUNKED);
        } else if (nameIs(CONNECTION)) {
            if (valueContains(CONNECTION.length, CLOSE)) {
                keepAlive = false;
            } else if (http10 && valueContains(CONNECTION.length, KEEP_ALIVE)) {
                keepAlive = true;
            }
        }
    }

    private void endOfHead() {
        if (status >= 100 && status < 200) {
            state = State.STATUS; // an interim response: the real one follows
        } else if (status == 204 || status == 304) {
            deliver();
        } else if (chunked) {
            state = State.CHUNK_SIZE;
        } else if (contentLength > 0) {
            remaining = contentLength;
            state = State.FIXED_BODY;
        } else if (contentLength == 0) {
            deliver();
        } else {
            keepAlive = false;
            state = State.UNTIL_CLOSE;
        }
    }

    /** A hex size, maybe followed by {@code ;extensions}; 0 ends the body (trailers follow). */
    private void chunkSize() {
        long size = 0;
        int digits = 0;
        for (int i = 0; i < lineLength && line[i] != ';' && line[i] != ' '; i++) {
            int v = Character.digit(line[i], 16);
            if (v < 0 || ++digits > 15) {
                broken();
                return;
            }
            size = size * 16 + v;
        }
        if (digits == 0) {
            broken();
        } else if (size == 0) {
            state = State.TRAILERS;
        } else {
            remaining = size;
            state = State.CHUNK_DATA;
        }
    }

    private void deliver() {
        state = State.STATUS;
        listener.onResponse(channel, status, keepAlive);
    }

    private void broken() {
        state = State.BROKEN;
        lineLength = 0;
        listener.onBroken(channel, false); // the lane closes the connection; nothing more is read from it
    }

    private boolean startsWith(String prefix) {
        for (int i = 0; i < prefix.length(); i++) {
            if (line[i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private boolean nameIs(byte[] lowerName) {
        if (lineLength < lowerName.length) {
            return false;
        }
        for (int i = 0; i < lowerName.length; i++) {
            if ((line[i] | 0x20) != lowerName[i]) { // ASCII case folding; '-' and ':' already have the bit
                return false;
            }
        }
        return true;
    }

    private int valueStart(int from) {
        int i = from;
        while (i < lineLength && (line[i] == ' ' || line[i] == '\t')) {
            i++;
        }
        return i;
    }

    private boolean valueContains(int from, byte[] lowerToken) {
        for (int i = valueStart(from); i + lowerToken.length <= lineLength; i++) {
            int j = 0;
            while (j < lowerToken.length && (line[i + j] | 0x20) == lowerToken[j]) {
                j++;
            }
            if (j == lowerToken.length) {
                return true;
            }
        }
        return false;
    }

    private static boolean digit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static byte[] lower(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}

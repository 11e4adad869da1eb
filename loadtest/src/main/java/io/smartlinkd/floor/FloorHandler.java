package io.smartlinkd.floor;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Frames each request head (up to its blank line), answers it from {@link FloorRedirects} by path alone, and
 * flushes once per read, as our click handler does. No headers are parsed: this is the least a Netty server
 * does for a keep-alive redirect.
 */
final class FloorHandler extends ByteToMessageDecoder {
    private static final int MAX_HEAD = 16 * 1024;

    private final FloorRedirects redirects;
    private final byte[] requestLine = new byte[MAX_HEAD];
    // The head being received, as offsets from its first byte (the reader index, which stays put until it is whole).
    private int scanned;
    private int requestLineEnd = -1;

    FloorHandler(FloorRedirects redirects) {
        this.redirects = redirects;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int at = start + scanned;
        while (true) {
            int lf = in.indexOf(at, end, (byte) '\n');
            if (lf < 0) {
                scanned = end - start;
                if (scanned > MAX_HEAD) {
                    ctx.close();
                }
                return;
            }
            if (requestLineEnd < 0) {
                requestLineEnd = lf - start;
            }
            // A head ends at an empty line: "\n\n" or "\n\r\n".
            boolean blank = lf > start && (in.getByte(lf - 1) == '\n'
                    || lf - 1 > start && in.getByte(lf - 1) == '\r' && in.getByte(lf - 2) == '\n');
            if (blank) {
                answer(ctx, in, start, requestLineEnd);
                in.readerIndex(lf + 1);
                scanned = 0;
                requestLineEnd = -1;
                return;
            }
            at = lf + 1;
        }
    }

    private void answer(ChannelHandlerContext ctx, ByteBuf in, int start, int length) {
        if (length > MAX_HEAD) {
            ctx.close();
            return;
        }
        in.getBytes(start, requestLine, 0, length);
        int pathStart = indexOf(requestLine, 0, length, (byte) ' ') + 1;
        int pathEnd = pathStart;
        while (pathEnd < length && requestLine[pathEnd] != ' ' && requestLine[pathEnd] != '?') {
            pathEnd++;
        }
        byte[] response = pathStart > 0 ? redirects.answer(requestLine, pathStart, pathEnd) : FloorRedirects.NOT_FOUND;
        ByteBuf buffer = ctx.alloc().ioBuffer(response.length);
        buffer.writeBytes(response);
        ctx.write(buffer, ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private static int indexOf(byte[] bytes, int from, int to, byte wanted) {
        for (int i = from; i < to; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }
}

package io.smartlinkd.loadgen;

import java.nio.charset.StandardCharsets;

/**
 * One lane's request under construction: the bytes {@link RequestMix} draws into it, the slug rank and the visitor.
 * Appends are plain array stores and {@code System.arraycopy}; writing the same pieces straight into a direct
 * {@code ByteBuf} (bounds, capacity and reference-count checks on every call) cost several times as much. The lane
 * then copies the finished request into its pooled buffer in one call. Allocated once per lane and refilled for
 * every request; single-threaded.
 */
final class Request {
    final byte[] bytes;
    int length;
    int slugRank;
    final Visitors.Visitor visitor = new Visitors.Visitor();

    /** @param capacity the longest request the mix can draw ({@link RequestMix#maxRequestBytes()}) */
    Request(int capacity) {
        bytes = new byte[capacity];
    }

    void clear() {
        length = 0;
    }

    void append(byte[] src) {
        append(src, 0, src.length);
    }

    void append(byte[] src, int from, int count) {
        System.arraycopy(src, from, bytes, length, count);
        length += count;
    }

    void append(int ascii) {
        bytes[length++] = (byte) ascii;
    }

    @Override
    public String toString() {
        return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
    }
}

package io.smartlinkd.http;

import io.smartlinkd.text.ByteChars;

/**
 * One request head as the click path reads it: method, version, keep-alive, request-target and the header fields it
 * needs, as {@link ByteChars} views over a copy of the head's bytes. {@link RequestHeadParser} fills it;
 * {@link ClickRequestDecoder} hands it to {@link ClickHandler}, which must be done with it before it returns.
 *
 * <p>A refused head (malformed, or over a limit) carries its prepared answer in {@link #refusal()} and nothing else.
 *
 * <p>One per event loop, re-filled for every request of every connection on it; allocates nothing once the
 * {@code X-Forwarded-For} list has grown to the most lines seen. Confined to its event loop.
 */
final class ClickRequest {
    enum Method { GET, HEAD, POST, OTHER }

    /** The head's bytes, from the request line to the blank line; the views point into it. */
    final byte[] bytes;
    private int length;
    private Responses.Plain refusal;
    private Method method;
    private boolean http10;
    private boolean connectionClose;
    private boolean connectionKeepAlive;
    private final ByteChars target = new ByteChars();
    private final ByteChars[] fields = new ByteChars[HeaderNames.SINGLE_VALUED];
    /** Bit {@code 1 << id} set when field {@code id} was present. */
    private int present;
    private int contentLengths;
    private ByteChars[] forwardedFor = new ByteChars[4];
    private int forwardedForCount;

    /**
     * @param capacity the longest head the decoder can pass: the request line and header limits plus the line
     *                 endings around them (see {@link ClickRequestDecoder#headCapacity})
     */
    ClickRequest(int capacity) {
        this.bytes = new byte[capacity];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new ByteChars();
        }
        for (int i = 0; i < forwardedFor.length; i++) {
            forwardedFor[i] = new ByteChars();
        }
    }

    /** Forgets the previous request; {@code length} head bytes are in {@link #bytes}. */
    void reset(int length) {
        this.length = length;
        refusal = null;
        method = Method.OTHER;
        http10 = false;
        connectionClose = false;
        connectionKeepAlive = false;
        target.wrap(bytes, 0, 0);
        present = 0;
        contentLengths = 0;
        forwardedForCount = 0;
    }

    /** Marks the request refused with this prepared answer. */
    void refuse(Responses.Plain answer) {
        refusal = answer;
    }

    void method(Method method) {
        this.method = method;
    }

    void http10(boolean http10) {
        this.http10 = http10;
    }

    void target(int offset, int length) {
        target.wrap(bytes, offset, length);
    }

    /** Keeps the first value of a single-valued field, like a header map's {@code get}. */
    void field(int id, int offset, int length) {
        if (id == HeaderNames.CONTENT_LENGTH) {
            contentLengths++;
        }
        if ((present & (1 << id)) == 0) {
            present |= 1 << id;
            fields[id].wrap(bytes, offset, length);
        }
    }

    void forwardedFor(int offset, int length) {
        if (forwardedForCount == forwardedFor.length) {
            // Grows once to the most lines seen; bounded by the header limit.
            ByteChars[] grown = java.util.Arrays.copyOf(forwardedFor, forwardedFor.length * 2);
            for (int i = forwardedFor.length; i < grown.length; i++) {
                grown[i] = new ByteChars();
            }
            forwardedFor = grown;
        }
        forwardedFor[forwardedForCount++].wrap(bytes, offset, length);
    }

    void connectionClose() {
        connectionClose = true;
    }

    void connectionKeepAlive() {
        connectionKeepAlive = true;
    }

    /** The prepared answer (400, 414, 431) of a refused head; null for a well-formed one. */
    Responses.Plain refusal() {
        return refusal;
    }

    Method method() {
        return method;
    }

    boolean http10() {
        return http10;
    }

    /**
     * HTTP/1.0 closes unless the client asked for keep-alive; later versions keep the connection unless it asked
     * for close ({@code Connection} tokens, any case, any line).
     */
    boolean keepAlive() {
        return !connectionClose && (!http10 || connectionKeepAlive);
    }

    /** The request-target exactly as sent (origin form {@code /path?query}, or absolute form). */
    CharSequence target() {
        return target;
    }

    /** The first value of a single-valued field (trimmed), or null when absent. */
    CharSequence field(int id) {
        return (present & (1 << id)) != 0 ? fields[id] : null;
    }

    CharSequence host() {
        return field(HeaderNames.HOST);
    }

    CharSequence userAgent() {
        return field(HeaderNames.USER_AGENT);
    }

    CharSequence cookie() {
        return field(HeaderNames.COOKIE);
    }

    CharSequence referer() {
        return field(HeaderNames.REFERER);
    }

    CharSequence acceptLanguage() {
        return field(HeaderNames.ACCEPT_LANGUAGE);
    }

    /** {@code Content-Length} lines seen; the parser refuses more than one. */
    int contentLengths() {
        return contentLengths;
    }

    /**
     * The request announces a body: any {@code Transfer-Encoding}, or a {@code Content-Length} other than exactly
     * {@code 0} (as the click path has always read it).
     */
    boolean announcesBody() {
        if (field(HeaderNames.TRANSFER_ENCODING) != null) {
            return true;
        }
        CharSequence contentLength = field(HeaderNames.CONTENT_LENGTH);
        return contentLength != null && !(contentLength.length() == 1 && contentLength.charAt(0) == '0');
    }

    /** {@code X-Forwarded-For} lines, in arrival order. */
    int forwardedForCount() {
        return forwardedForCount;
    }

    CharSequence forwardedFor(int index) {
        return forwardedFor[index];
    }

    /** The head's length in bytes, line endings included. */
    int length() {
        return length;
    }
}

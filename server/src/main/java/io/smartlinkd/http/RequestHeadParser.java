package io.smartlinkd.http;

/**
 * The grammar of a request head (RFC 9112, sections 3 and 5), checked in one pass over its bytes, filling a
 * {@link ClickRequest}. Strict where leniency lets two parsers read one message two ways (request smuggling):
 *
 * <ul>
 * <li>every line ends with CRLF; a bare LF or a CR elsewhere is malformed;</li>
 * <li>request line: a token method, a request-target of visible bytes (bytes above 0x7F allowed, as they were;
 *   controls, DEL and NUL are not), {@code HTTP/d.d} in any case; tokens separated by spaces or tabs;</li>
 * <li>header line: a token name, a colon right after it (no space before it), a value of visible bytes, spaces and
 *   tabs, trimmed; a line starting with a space or tab (obs-fold) is malformed;</li>
 * <li>{@code Content-Length}: one line, decimal digits only; not together with {@code Transfer-Encoding}.</li>
 * </ul>
 * A malformed head is refused with 400. Size limits are the decoder's job: it checks them while bytes arrive.
 *
 * <p>Stateless; allocates nothing.
 */
final class RequestHeadParser {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final boolean[] TOKEN = new boolean[256];
    private static final boolean[] TARGET = new boolean[256];
    private static final boolean[] VALUE = new boolean[256];
    private static final byte[] CLOSE = {'c', 'l', 'o', 's', 'e'};
    private static final byte[] KEEP_ALIVE = {'k', 'e', 'e', 'p', '-', 'a', 'l', 'i', 'v', 'e'};

    static {
        for (int c = 0; c < 256; c++) {
            boolean letterOrDigit = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
            TOKEN[c] = letterOrDigit || (c < 0x80 && "!#$%&'*+-.^_`|~".indexOf(c) >= 0);
            TARGET[c] = (c > 0x20 && c < 0x7F) || c >= 0x80;
            VALUE[c] = TARGET[c] || c == ' ' || c == '\t';
        }
    }

    private RequestHeadParser() {
    }

    /**
     * Parses {@code request.bytes[0, length)}, a head from its request line through its blank line, into
     * {@code request}; a malformed head leaves it {@link ClickRequest#refusal() refused}.
     */
    static void parse(ClickRequest request, int length) {
        request.reset(length);
        byte[] bytes = request.bytes;
        int at = requestLine(request, bytes, length);
        while (at > 0 && at < length) {
            if (bytes[at] == CR) {
                at = at + 2 == length && bytes[at + 1] == LF ? length + 1 : -1;
                break;
            }
            at = headerLine(request, bytes, at, length);
        }
        // The blank line must end the head exactly: at is one past its end.
        if (at != length + 1 || !bodyFramingValid(request)) {
            request.reset(length);
            request.refuse(Responses.BAD_REQUEST);
        }
    }

    /**
     * Checks just the request line in {@code request.bytes[0, length)} (the line with its CRLF), for a head whose
     * headers have not all arrived: a malformed request line is refused at once, as it always was.
     */
    static boolean requestLineValid(ClickRequest request, int length) {
        request.reset(length);
        return requestLine(request, request.bytes, length) == length;
    }

    /** Reads the request line; returns the index after its CRLF, or -1 when it is malformed. */
    private static int requestLine(ClickRequest request, byte[] bytes, int length) {
        int at = 0;
        while (at < length && TOKEN[bytes[at] & 0xFF]) {
            at++;
        }
        int methodEnd = at;
        if (methodEnd == 0 || at == length || !isSpaceOrTab(bytes[at])) {
            return -1;
        }
        at = skipSpacesAndTabs(bytes, at, length);
        int targetStart = at;
        while (at < length && TARGET[bytes[at] & 0xFF]) {
            at++;
        }
        int targetEnd = at;
        if (targetEnd == targetStart || at == length || !isSpaceOrTab(bytes[at])) {
            return -1;
        }
        at = skipSpacesAndTabs(bytes, at, length);
        // "HTTP/" DIGIT "." DIGIT CR LF, the name in any case
        if (length - at < 10
                || (bytes[at] | 0x20) != 'h' || (bytes[at + 1] | 0x20) != 't' || (bytes[at + 2] | 0x20) != 't'
                || (bytes[at + 3] | 0x20) != 'p' || bytes[at + 4] != '/' || !isDigit(bytes[at + 5])
                || bytes[at + 6] != '.' || !isDigit(bytes[at + 7]) || bytes[at + 8] != CR || bytes[at + 9] != LF) {
            return -1;
        }
        request.method(method(bytes, methodEnd));
        request.http10(bytes[at + 5] == '1' && bytes[at + 7] == '0');
        request.target(targetStart, targetEnd - targetStart);
        return at + 10;
    }

    /** Reads one header line at {@code start}; returns the index after its CRLF, or -1 when it is malformed. */
    private static int headerLine(ClickRequest request, byte[] bytes, int start, int length) {
        int at = start;
        while (at < length && TOKEN[bytes[at] & 0xFF]) {
            at++;
        }
        int nameEnd = at;
        // No name (also obs-fold: a line that starts with a space), or no colon right after it.
        if (nameEnd == start || at == length || bytes[at] != ':') {
            return -1;
        }
        at = skipSpacesAndTabs(bytes, at + 1, length);
        int valueStart = at;
        while (at < length && VALUE[bytes[at] & 0xFF]) {
            at++;
        }
        if (at + 1 >= length || bytes[at] != CR || bytes[at + 1] != LF) {
            return -1; // a control byte, a bare CR or LF
        }
        int valueEnd = at;
        while (valueEnd > valueStart && isSpaceOrTab(bytes[valueEnd - 1])) {
            valueEnd--;
        }
        int id = HeaderNames.match(bytes, start, nameEnd);
        if (id == HeaderNames.X_FORWARDED_FOR) {
            request.forwardedFor(valueStart, valueEnd - valueStart);
        } else if (id == HeaderNames.CONNECTION) {
            connectionTokens(request, bytes, valueStart, valueEnd);
        } else if (id != HeaderNames.NONE) {
            request.field(id, valueStart, valueEnd - valueStart);
        }
        return at + 2;
    }

    /** Notes the {@code close} and {@code keep-alive} tokens of a comma-separated {@code Connection} value. */
    private static void connectionTokens(ClickRequest request, byte[] bytes, int start, int end) {
        int at = start;
        while (at <= end) {
            int comma = at;
            while (comma < end && bytes[comma] != ',') {
                comma++;
            }
            int tokenStart = skipSpacesAndTabs(bytes, at, comma);
            int tokenEnd = comma;
            while (tokenEnd > tokenStart && isSpaceOrTab(bytes[tokenEnd - 1])) {
                tokenEnd--;
            }
            if (equalsIgnoreCase(bytes, tokenStart, tokenEnd, CLOSE)) {
                request.connectionClose();
            } else if (equalsIgnoreCase(bytes, tokenStart, tokenEnd, KEEP_ALIVE)) {
                request.connectionKeepAlive();
            }
            at = comma + 1;
        }
    }

    /**
     * One {@code Content-Length}, all digits and within a long, and not beside a {@code Transfer-Encoding}: two
     * lengths, or a length and a coding, are how a request gets framed differently by two hops.
     */
    private static boolean bodyFramingValid(ClickRequest request) {
        CharSequence contentLength = request.field(HeaderNames.CONTENT_LENGTH);
        if (contentLength == null) {
            return true;
        }
        if (request.contentLengths() > 1 || request.field(HeaderNames.TRANSFER_ENCODING) != null
                || contentLength.length() == 0) {
            return false;
        }
        long value = 0;
        for (int i = 0; i < contentLength.length(); i++) {
            char c = contentLength.charAt(i);
            if (c < '0' || c > '9' || value > (Long.MAX_VALUE - (c - '0')) / 10) {
                return false;
            }
            value = value * 10 + (c - '0');
        }
        return true;
    }

    private static ClickRequest.Method method(byte[] bytes, int length) {
        if (length == 3 && bytes[0] == 'G' && bytes[1] == 'E' && bytes[2] == 'T') {
            return ClickRequest.Method.GET;
        }
        if (length == 4 && bytes[0] == 'H' && bytes[1] == 'E' && bytes[2] == 'A' && bytes[3] == 'D') {
            return ClickRequest.Method.HEAD;
        }
        if (isPost(bytes, 0, length)) {
            return ClickRequest.Method.POST;
        }
        return ClickRequest.Method.OTHER;
    }

    /** Whether the method token at {@code start} of {@code length} bytes is {@code POST} (methods are case-sensitive). */
    static boolean isPost(byte[] bytes, int start, int length) {
        return length == 4 && bytes[start] == 'P' && bytes[start + 1] == 'O' && bytes[start + 2] == 'S'
                && bytes[start + 3] == 'T';
    }

    private static boolean equalsIgnoreCase(byte[] bytes, int start, int end, byte[] lowerCase) {
        if (end - start != lowerCase.length) {
            return false;
        }
        for (int i = 0; i < lowerCase.length; i++) {
            byte b = bytes[start + i];
            if (b != lowerCase[i] && (b | 0x20) != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private static int skipSpacesAndTabs(byte[] bytes, int at, int end) {
        while (at < end && isSpaceOrTab(bytes[at])) {
            at++;
        }
        return at;
    }

    private static boolean isSpaceOrTab(byte b) {
        return b == ' ' || b == '\t';
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }
}

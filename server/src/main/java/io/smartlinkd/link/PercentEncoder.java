package io.smartlinkd.link;

import io.netty.buffer.ByteBuf;
import java.util.HexFormat;

/**
 * Percent-encodes substituted values byte by byte (RFC 3986: everything outside the unreserved set), so a value can
 * never add a query parameter, a path segment, a fragment, a header line or change the host. Allocation-free.
 */
public final class PercentEncoder {
    private static final byte[] HEX = "0123456789ABCDEF".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    private static final boolean[] UNRESERVED = new boolean[256];

    static {
        for (int c = 'A'; c <= 'Z'; c++) {
            UNRESERVED[c] = true;
            UNRESERVED[c + 32] = true;
        }
        for (int c = '0'; c <= '9'; c++) {
            UNRESERVED[c] = true;
        }
        UNRESERVED['-'] = true;
        UNRESERVED['.'] = true;
        UNRESERVED['_'] = true;
        UNRESERVED['~'] = true;
    }

    private PercentEncoder() {
    }

    public static boolean isUnreserved(int b) {
        return UNRESERVED[b & 0xFF];
    }

    public static void encodeByte(int b, ByteBuf out) {
        int v = b & 0xFF;
        if (UNRESERVED[v]) {
            out.writeByte(v);
        } else {
            out.writeByte('%');
            out.writeByte(HEX[v >>> 4]);
            out.writeByte(HEX[v & 0xF]);
        }
    }

    /**
     * Encodes {@code value[offset, offset + length)}. Runs of unreserved bytes (ids, codes, names: usually the whole
     * value) are copied with one write each rather than byte by byte.
     */
    public static void encode(byte[] value, int offset, int length, ByteBuf out) {
        int end = offset + length;
        int run = offset;
        for (int i = offset; i < end; i++) {
            int v = value[i] & 0xFF;
            if (!UNRESERVED[v]) {
                if (i > run) {
                    out.writeBytes(value, run, i - run);
                }
                out.writeByte('%');
                out.writeByte(HEX[v >>> 4]);
                out.writeByte(HEX[v & 0xF]);
                run = i + 1;
            }
        }
        if (end > run) {
            out.writeBytes(value, run, end - run);
        }
    }

    /**
     * Decodes a raw query value ({@code %XX} and {@code +} as space) and encodes the result, in one pass.
     * Malformed escapes are kept as a literal {@code %}, which is then encoded as {@code %25}.
     */
    public static void reencodeQueryValue(CharSequence source, int start, int end, ByteBuf out) {
        for (int i = start; i < end; i++) {
            char c = source.charAt(i);
            if (c == '%') {
                int hi = i + 2 < end ? hexValue(source.charAt(i + 1)) : -1;
                int lo = i + 2 < end ? hexValue(source.charAt(i + 2)) : -1;
                if (hi >= 0 && lo >= 0) {
                    encodeByte((hi << 4) | lo, out);
                    i += 2;
                    continue;
                }
                encodeByte('%', out);
            } else if (c == '+') {
                encodeByte(' ', out);
            } else if (c < 0x80) {
                encodeByte(c, out);
            } else {
                encodeChar(c, out);
            }
        }
    }

    /** Encodes a non-ASCII char as its UTF-8 bytes; lone surrogates become U+FFFD. */
    private static void encodeChar(char c, ByteBuf out) {
        int cp = Character.isSurrogate(c) ? 0xFFFD : c;
        if (cp < 0x800) {
            encodeByte(0xC0 | (cp >>> 6), out);
            encodeByte(0x80 | (cp & 0x3F), out);
        } else {
            encodeByte(0xE0 | (cp >>> 12), out);
            encodeByte(0x80 | ((cp >>> 6) & 0x3F), out);
            encodeByte(0x80 | (cp & 0x3F), out);
        }
    }

    /** ASCII hex digits only: {@code HexFormat} refuses other Unicode digits, unlike {@code Character.digit}. */
    public static int hexValue(char c) {
        return HexFormat.isHexDigit(c) ? HexFormat.fromHexDigit(c) : -1;
    }
}

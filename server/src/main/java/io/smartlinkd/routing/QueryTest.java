package io.smartlinkd.routing;

import static io.smartlinkd.text.CharScan.indexOf;

import io.smartlinkd.config.Conditions;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One query-parameter condition, matched against the raw request URI without allocating: names compare as
 * written, values after percent-decoding ({@code +} is a space) byte by byte with the expected UTF-8 values. The
 * first parameter with the name counts. Immutable.
 */
final class QueryTest {
    private final String name;
    private final byte[] nameBytes;
    private final Conditions.QueryCondition.Mode mode;
    private final byte[][] values;
    private final List<String> written;

    QueryTest(Conditions.QueryCondition condition) {
        this.name = condition.name();
        this.nameBytes = condition.name().getBytes(StandardCharsets.US_ASCII);
        this.mode = condition.mode();
        this.written = condition.values();
        this.values = new byte[condition.values().size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = condition.values().get(i).getBytes(StandardCharsets.UTF_8);
        }
    }

    boolean matches(CharSequence uri, int queryStart, int queryEnd) {
        int valueStart = -1;
        int pairEnd = queryEnd;
        int at = queryStart;
        while (at < queryEnd) {
            pairEnd = indexOf(uri, '&', at, queryEnd);
            int nameEnd = indexOf(uri, '=', at, pairEnd);
            if (nameEquals(uri, at, nameEnd)) {
                valueStart = Math.min(nameEnd + 1, pairEnd);
                break;
            }
            at = pairEnd + 1;
        }
        switch (mode) {
            case PRESENT:
                return valueStart >= 0;
            case ABSENT:
                return valueStart < 0;
            default:
                if (valueStart < 0) {
                    return false;
                }
                for (byte[] value : values) {
                    if (decodedEquals(uri, valueStart, pairEnd, value)) {
                        return true;
                    }
                }
                return false;
        }
    }

    /** The condition as explain shows it. */
    String describe() {
        switch (mode) {
            case PRESENT:
                return name + " present";
            case ABSENT:
                return name + " absent";
            default:
                return name + " in " + written;
        }
    }

    private boolean nameEquals(CharSequence uri, int start, int end) {
        if (end - start != nameBytes.length) {
            return false;
        }
        for (int i = 0; i < nameBytes.length; i++) {
            if (uri.charAt(start + i) != nameBytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean decodedEquals(CharSequence uri, int start, int end, byte[] expected) {
        int matched = 0;
        int at = start;
        while (at < end) {
            int b;
            char c = uri.charAt(at);
            if (c == '%' && at + 2 < end && hex(uri.charAt(at + 1)) >= 0 && hex(uri.charAt(at + 2)) >= 0) {
                b = (hex(uri.charAt(at + 1)) << 4) | hex(uri.charAt(at + 2));
                at += 3;
            } else {
                b = c == '+' ? ' ' : c & 0xFF;
                at++;
            }
            if (matched >= expected.length || (expected[matched] & 0xFF) != b) {
                return false;
            }
            matched++;
        }
        return matched == expected.length;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

}

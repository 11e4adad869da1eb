package io.smartlinkd.loader;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Builds rows in PostgreSQL's COPY text format into a reusable byte array: columns separated by tab, rows ended by
 * newline, {@code \N} for null, and backslash, tab, newline and carriage return escaped with a backslash. Strings
 * from the journal are copied as UTF-8 bytes without decoding. PostgreSQL text cannot hold a NUL byte, so one is
 * written as U+FFFD. Not thread-safe; grows only when a single row does not fit.
 */
final class CopyTextBuffer {
    private static final byte[] NULL = {'\\', 'N'};
    private static final byte[] REPLACEMENT = "\uFFFD".getBytes(StandardCharsets.UTF_8);
    private static final long MS_PER_DAY = 86_400_000L;

    private byte[] bytes;
    private int length;
    private boolean rowStarted;
    private long cachedDay = Long.MIN_VALUE;
    private final byte[] dayText = new byte[11];

    CopyTextBuffer(int capacity) {
        bytes = new byte[capacity];
    }

    byte[] bytes() {
        return bytes;
    }

    int length() {
        return length;
    }

    void clear() {
        length = 0;
    }

    private void ensure(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    private void separator() {
        ensure(1);
        if (rowStarted) {
            bytes[length++] = '\t';
        }
        rowStarted = true;
    }

    void endRow() {
        ensure(1);
        bytes[length++] = '\n';
        rowStarted = false;
    }

    void addNull() {
        separator();
        ensure(2);
        bytes[length++] = NULL[0];
        bytes[length++] = NULL[1];
    }

    void add(long value) {
        separator();
        ensure(20);
        String digits = Long.toString(value);
        for (int i = 0; i < digits.length(); i++) {
            bytes[length++] = (byte) digits.charAt(i);
        }
    }

    void add(boolean value) {
        separator();
        ensure(1);
        bytes[length++] = (byte) (value ? 't' : 'f');
    }

    /** An ASCII string with no characters that need escaping (labels, codes). */
    void addAscii(String value) {
        separator();
        ensure(value.length());
        for (int i = 0; i < value.length(); i++) {
            bytes[length++] = (byte) value.charAt(i);
        }
    }

    /** {@code count} UTF-8 bytes from {@code source} at {@code at}, escaped. */
    void addUtf8(ByteBuffer source, int at, int count) {
        separator();
        ensure(count * REPLACEMENT.length);
        for (int i = 0; i < count; i++) {
            byte b = source.get(at + i);
            switch (b) {
                case '\\' -> escaped('\\');
                case '\t' -> escaped('t');
                case '\n' -> escaped('n');
                case '\r' -> escaped('r');
                case 0 -> {
                    System.arraycopy(REPLACEMENT, 0, bytes, length, REPLACEMENT.length);
                    length += REPLACEMENT.length;
                }
                default -> bytes[length++] = b;
            }
        }
    }

    private void escaped(char c) {
        bytes[length++] = '\\';
        bytes[length++] = (byte) c;
    }

    /** Hex digits of the first {@code count} bytes produced by {@code source}. */
    void addHex(byte[] source, int count) {
        separator();
        ensure(count * 2);
        for (int i = 0; i < count; i++) {
            bytes[length++] = ClickLabels.hexDigit((source[i] >> 4) & 0xF);
            bytes[length++] = ClickLabels.hexDigit(source[i] & 0xF);
        }
    }

    /**
     * Epoch milliseconds as {@code YYYY-MM-DD HH:MM:SS.mmm} (UTC). Clicks arrive in time order, so the date part is
     * formatted once per day and the time of day by arithmetic.
     */
    void addTimestamp(long epochMs) {
        separator();
        ensure(23);
        long day = Math.floorDiv(epochMs, MS_PER_DAY);
        if (day != cachedDay) {
            byte[] text = (java.time.LocalDate.ofEpochDay(day) + " ").getBytes(StandardCharsets.US_ASCII);
            if (text.length != dayText.length) {
                // Years outside 0000..9999 are not worth a fast path.
                ensure(text.length + 12);
                System.arraycopy(text, 0, bytes, length, text.length);
                length += text.length;
                timeOfDay(Math.floorMod(epochMs, MS_PER_DAY));
                return;
            }
            System.arraycopy(text, 0, dayText, 0, dayText.length);
            cachedDay = day;
        }
        System.arraycopy(dayText, 0, bytes, length, dayText.length);
        length += dayText.length;
        timeOfDay(Math.floorMod(epochMs, MS_PER_DAY));
    }

    private void timeOfDay(long ms) {
        int millis = (int) (ms % 1000);
        int seconds = (int) (ms / 1000);
        two(seconds / 3600);
        bytes[length++] = ':';
        two(seconds / 60 % 60);
        bytes[length++] = ':';
        two(seconds % 60);
        bytes[length++] = '.';
        bytes[length++] = (byte) ('0' + millis / 100);
        bytes[length++] = (byte) ('0' + millis / 10 % 10);
        bytes[length++] = (byte) ('0' + millis % 10);
    }

    private void two(int value) {
        bytes[length++] = (byte) ('0' + value / 10);
        bytes[length++] = (byte) ('0' + value % 10);
    }
}

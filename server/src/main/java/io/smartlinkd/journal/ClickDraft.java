package io.smartlinkd.journal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Builds one click payload ({@link ClickLayout}) in place: fixed fields by setter, then the short strings in
 * layout order. Reused per event loop; allocation-free. Not thread-safe.
 */
public final class ClickDraft {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);

    final byte[] bytes = new byte[ClickEvent.MAX_PAYLOAD_BYTES];
    private int length;
    private int stringCount;
    private int stringStart;

    /** Starts a new click with every field zero / empty. */
    public ClickDraft begin(long epochMs) {
        Arrays.fill(bytes, 0, ClickLayout.STRINGS, (byte) 0);
        LONG.set(bytes, ClickLayout.TIME, epochMs);
        bytes[ClickLayout.COUNTRY] = '-';
        bytes[ClickLayout.COUNTRY + 1] = '-';
        length = ClickLayout.STRINGS;
        stringCount = 0;
        return this;
    }

    public ClickDraft clickId(byte[] id, int offset) {
        System.arraycopy(id, offset, bytes, ClickLayout.CLICK_ID, ClickLayout.CLICK_ID_BYTES);
        return this;
    }

    public ClickDraft linkNumber(int linkNumber) {
        INT.set(bytes, ClickLayout.LINK_NUMBER, linkNumber);
        return this;
    }

    /** The offer routing chose (0 = none). */
    public ClickDraft offerNumber(int offerNumber) {
        SHORT.set(bytes, ClickLayout.OFFER_NUMBER, (short) offerNumber);
        return this;
    }

    /** The link's rule that decided (1-based, 0 = none). */
    public ClickDraft ruleNumber(int ruleNumber) {
        SHORT.set(bytes, ClickLayout.RULE_NUMBER, (short) ruleNumber);
        return this;
    }

    public ClickDraft outcome(ClickLayout.Outcome outcome, int httpStatus) {
        bytes[ClickLayout.OUTCOME] = (byte) outcome.ordinal();
        SHORT.set(bytes, ClickLayout.HTTP_STATUS, (short) httpStatus);
        return this;
    }

    public ClickDraft flags(int flags) {
        bytes[ClickLayout.FLAGS] = (byte) flags;
        return this;
    }

    /** Sets these flag bits ({@code ClickLayout.FLAG_*}) besides those already set. */
    public ClickDraft addFlags(int flags) {
        bytes[ClickLayout.FLAGS] |= (byte) flags;
        return this;
    }

    /** Country packed as {@code (c0 << 8) | c1} ASCII; 0 (unknown) leaves "--". */
    public ClickDraft country(int packed) {
        if (packed != 0) {
            bytes[ClickLayout.COUNTRY] = (byte) (packed >>> 8);
            bytes[ClickLayout.COUNTRY + 1] = (byte) packed;
        }
        return this;
    }

    /** Device type, OS and browser family codes ({@code io.smartlinkd.agent.Families}). */
    public ClickDraft agent(int device, int os, int browser) {
        bytes[ClickLayout.DEVICE] = (byte) device;
        bytes[ClickLayout.OS] = (byte) os;
        bytes[ClickLayout.BROWSER] = (byte) browser;
        return this;
    }

    /** The client IP in its privacy form; {@code form} as in {@link ClickLayout#IP_FORM}. */
    public ClickDraft ip(int form, byte[] ip) {
        bytes[ClickLayout.IP_FORM] = (byte) form;
        System.arraycopy(ip, 0, bytes, ClickLayout.IP, Math.min(ip.length, ClickLayout.IP_BYTES));
        return this;
    }

    /** Appends the next short string (layout order), truncated to 255 bytes. */
    public ClickDraft string(byte[] source, int offset, int count) {
        int n = Math.min(count, ClickLayout.MAX_STRING_BYTES);
        bytes[length] = (byte) n;
        System.arraycopy(source, offset, bytes, length + 1, n);
        length += 1 + n;
        stringCount++;
        return this;
    }

    /** Appends the next short string from ASCII chars. */
    public ClickDraft string(CharSequence source, int start, int end) {
        int n = Math.min(end - start, ClickLayout.MAX_STRING_BYTES);
        bytes[length] = (byte) n;
        for (int i = 0; i < n; i++) {
            bytes[length + 1 + i] = (byte) source.charAt(start + i);
        }
        length += 1 + n;
        stringCount++;
        return this;
    }

    public ClickDraft emptyString() {
        bytes[length++] = 0;
        stringCount++;
        return this;
    }

    /** Opens the next short string for {@link #stringByte} writes; close it with {@link #endString}. */
    public void startString() {
        stringStart = length;
        length++;
    }

    /** Adds a byte to the open string; bytes past 255 are dropped. */
    public void stringByte(int b) {
        if (length - stringStart - 1 < ClickLayout.MAX_STRING_BYTES) {
            bytes[length++] = (byte) b;
        }
    }

    public void endString() {
        bytes[stringStart] = (byte) (length - stringStart - 1);
        stringCount++;
    }

    /** Pads missing strings; returns the payload length. */
    int finish() {
        while (stringCount < ClickLayout.STRING_COUNT) {
            emptyString();
        }
        return length;
    }

    public int length() {
        return length;
    }
}

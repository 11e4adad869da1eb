package io.smartlinkd.journal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A click as tests write it into a journal and expect it back from a database. */
public record TestClick(long timeMs, String clickId, long linkNumber, int offerNumber, int ruleNumber,
        ClickLayout.Outcome outcome, int flags, int httpStatus, String country, int device, int os, int browser,
        int ipForm, byte[] ip, String[] strings) {

    /** A plausible redirected click with the given strings (domain, link id, slug, partner, code, utm, sub1..5). */
    public static TestClick redirected(long timeMs, String clickId, String... strings) {
        return new TestClick(timeMs, clickId, 7, 2, 3, ClickLayout.Outcome.REDIRECTED, ClickLayout.FLAG_UNIQUE, 302,
                "DE", 2, 5, 9, 1, new byte[] {(byte) 203, 0, 113, 0}, strings);
    }

    public String string(int index) {
        return index < strings.length && strings[index] != null ? strings[index] : "";
    }

    public byte[] encode() {
        ByteBuffer payload = ByteBuffer.allocate(ClickLayout.STRINGS + ClickLayout.STRING_COUNT * 256)
                .order(ByteOrder.LITTLE_ENDIAN);
        payload.putLong(ClickLayout.TIME, timeMs);
        if (clickId != null) {
            payload.put(ClickLayout.CLICK_ID, clickId.getBytes(StandardCharsets.US_ASCII));
        }
        payload.putInt(ClickLayout.LINK_NUMBER, (int) linkNumber);
        payload.putShort(ClickLayout.OFFER_NUMBER, (short) offerNumber);
        payload.putShort(ClickLayout.RULE_NUMBER, (short) ruleNumber);
        payload.put(ClickLayout.OUTCOME, (byte) outcome.ordinal());
        payload.put(ClickLayout.FLAGS, (byte) flags);
        payload.putShort(ClickLayout.HTTP_STATUS, (short) httpStatus);
        payload.put(ClickLayout.COUNTRY, country.getBytes(StandardCharsets.US_ASCII));
        payload.put(ClickLayout.DEVICE, (byte) device);
        payload.put(ClickLayout.OS, (byte) os);
        payload.put(ClickLayout.BROWSER, (byte) browser);
        payload.put(ClickLayout.IP_FORM, (byte) ipForm);
        payload.put(ClickLayout.IP, ip);
        payload.position(ClickLayout.STRINGS);
        for (int i = 0; i < ClickLayout.STRING_COUNT; i++) {
            byte[] utf8 = string(i).getBytes(StandardCharsets.UTF_8);
            payload.put((byte) utf8.length).put(utf8);
        }
        return Arrays.copyOf(payload.array(), payload.position());
    }
}

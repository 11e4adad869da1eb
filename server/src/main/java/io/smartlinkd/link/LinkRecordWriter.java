package io.smartlinkd.link;

import io.smartlinkd.config.Rejection;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds link records ({@link LinkRecordFormat}) when a config is compiled; never used per click. */
public final class LinkRecordWriter {
    private LinkRecordWriter() {
    }

    /** @param discount number in the discount table, 0 = none, {@link LinkRecordFormat#DISCOUNT_PENDING} = TBD */
    public static byte[] write(
            boolean active,
            boolean isPrivate,
            int redirectStatus,
            Rejection.Kind rejection,
            int linkNumber,
            int ruleSet,
            int discount,
            String linkId,
            byte[] destination,
            byte[] fallback,
            byte[] rejectionUrl,
            int[] partnerNumbers,
            int[] groupNumbers) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 + destination.length);
        out.write(LinkRecordFormat.VERSION);
        out.write((active ? LinkRecordFormat.FLAG_ACTIVE : 0) | (isPrivate ? LinkRecordFormat.FLAG_PRIVATE : 0));
        u16(out, redirectStatus);
        out.write(rejection.ordinal());
        out.write(0);
        i32(out, linkNumber);
        i32(out, ruleSet);
        u16(out, discount);
        block(out, linkId.getBytes(StandardCharsets.US_ASCII));
        block(out, destination);
        block(out, fallback);
        block(out, rejectionUrl);
        int[] partners = partnerNumbers.clone();
        java.util.Arrays.sort(partners);
        u16(out, partners.length);
        for (int partner : partners) {
            i32(out, partner);
        }
        u16(out, groupNumbers.length);
        for (int group : groupNumbers) {
            u16(out, group);
        }
        return out.toByteArray();
    }

    private static void block(ByteArrayOutputStream out, byte[] bytes) {
        byte[] content = bytes == null ? new byte[0] : bytes;
        if (content.length > 0xFFFF) {
            throw new IllegalArgumentException("link record block over 65535 bytes");
        }
        u16(out, content.length);
        out.write(content, 0, content.length);
    }

    private static void u16(ByteArrayOutputStream out, int value) {
        out.write(value >>> 8);
        out.write(value);
    }

    private static void i32(ByteArrayOutputStream out, int value) {
        out.write(value >>> 24);
        out.write(value >>> 16);
        out.write(value >>> 8);
        out.write(value);
    }
}

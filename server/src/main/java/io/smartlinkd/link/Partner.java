package io.smartlinkd.link;

import java.nio.charset.StandardCharsets;

/**
 * A partner compiled for the hot path: id and group as bytes, UTM pairs pre-encoded as {@code utm_key=value}.
 *
 * @param number      1-based index in this config's partner table (0 means "no partner")
 * @param groupNumber 1-based group index, 0 = no group
 * @param utmPairs    indexed by {@link UtmKey#ordinal()}, null where the partner sets nothing
 */
public record Partner(int number, String id, byte[] idBytes, int groupNumber, byte[] groupBytes, byte[][] utmPairs) {
    public static Partner of(int number, String id, int groupNumber, String group, byte[][] utmPairs) {
        return new Partner(number, id, id.getBytes(StandardCharsets.US_ASCII), groupNumber,
                group == null ? null : group.getBytes(StandardCharsets.US_ASCII), utmPairs);
    }
}

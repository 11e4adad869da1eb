package io.smartlinkd.link;

import java.nio.charset.StandardCharsets;

/**
 * A tracking domain compiled for the hot path.
 *
 * @param number   1-based; first two bytes of every link key of this domain
 * @param notFound compiled not-found URL program, or null for a plain 404
 */
public record Domain(int number, String host, byte[] hostBytes, byte[] notFound) {
    public static Domain of(int number, String host, byte[] notFound) {
        return new Domain(number, host, host.getBytes(StandardCharsets.US_ASCII), notFound);
    }
}

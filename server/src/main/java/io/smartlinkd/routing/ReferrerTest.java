package io.smartlinkd.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A referrer-host condition: the host of the {@code Referer} URL equals one of the configured hosts or is a
 * subdomain of one ({@code m.facebook.com} matches {@code facebook.com}). Host extraction and comparison work on the
 * header's characters, case-insensitively, without allocating. Immutable.
 */
final class ReferrerTest {
    private final byte[][] hosts;
    private final List<String> written;

    ReferrerTest(List<String> hosts) {
        this.written = List.copyOf(hosts);
        this.hosts = new byte[hosts.size()][];
        for (int i = 0; i < this.hosts.length; i++) {
            this.hosts[i] = hosts.get(i).getBytes(StandardCharsets.US_ASCII);
        }
    }

    boolean matches(CharSequence referrer) {
        if (referrer == null) {
            return false;
        }
        int length = referrer.length();
        int scheme = indexOf(referrer, "://", length);
        int firstSlash = indexOf(referrer, "/", length);
        // Only a "://" that ends the scheme counts (not one inside a path or query).
        int start = scheme >= 0 && scheme + 1 == firstSlash ? scheme + 3 : 0;
        int end = start;
        while (end < length && "/?#".indexOf(referrer.charAt(end)) < 0) {
            end++;
        }
        for (int i = end - 1; i >= start; i--) {
            if (referrer.charAt(i) == '@') {
                start = i + 1;
                break;
            }
        }
        int portColon = end;
        for (int i = start; i < end; i++) {
            if (referrer.charAt(i) == ':') {
                portColon = i;
                break;
            }
        }
        end = portColon;
        if (end > start && referrer.charAt(end - 1) == '.') {
            end--;
        }
        for (byte[] host : hosts) {
            if (hostMatches(referrer, start, end, host)) {
                return true;
            }
        }
        return false;
    }

    String describe() {
        return written.toString();
    }

    /** {@code text[start, end)} is {@code host} or ends with {@code "." + host}, ignoring ASCII case. */
    private static boolean hostMatches(CharSequence text, int start, int end, byte[] host) {
        int length = end - start;
        if (length < host.length || (length > host.length && text.charAt(end - host.length - 1) != '.')) {
            return false;
        }
        int offset = end - host.length;
        for (int i = 0; i < host.length; i++) {
            char c = text.charAt(offset + i);
            int lower = c >= 'A' && c <= 'Z' ? c | 0x20 : c;
            if (lower != host[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(CharSequence text, String needle, int to) {
        outer:
        for (int i = 0; i + needle.length() <= to; i++) {
            for (int j = 0; j < needle.length(); j++) {
                if (text.charAt(i + j) != needle.charAt(j)) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}

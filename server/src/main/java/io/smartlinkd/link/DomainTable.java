package io.smartlinkd.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Picks a domain by the request's Host header (case-insensitive, port ignored), falling back to the default
 * domain when one is configured. Read-only.
 */
public final class DomainTable {
    private final Domain[] byNumber;
    private final AsciiIndex index;
    private final Domain fallback;

    /**
     * @param domains  in number order, numbers 1..n
     * @param names    every host and alias, mapped to its domain number
     * @param fallback domain for unmatched hosts, or null
     */
    public DomainTable(List<Domain> domains, Map<String, Integer> names, Domain fallback) {
        byNumber = new Domain[domains.size() + 1];
        for (Domain domain : domains) {
            byNumber[domain.number()] = domain;
        }
        List<String> keys = new ArrayList<>(names.keySet());
        int[] numbers = new int[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            numbers[i] = names.get(keys.get(i));
        }
        index = new AsciiIndex(keys, numbers, true);
        this.fallback = fallback;
    }

    /** The domain for a Host header value (may be null), or null when none matches and there is no default. */
    public Domain match(CharSequence host) {
        if (host == null) {
            return fallback;
        }
        int end = hostEnd(host);
        int number = index.get(host, 0, end);
        return number == AsciiIndex.MISSING ? fallback : byNumber[number];
    }

    public Domain byHost(String host) {
        int number = index.get(host, 0, host.length());
        return number == AsciiIndex.MISSING ? null : byNumber[number];
    }

    public List<Domain> all() {
        List<Domain> all = new ArrayList<>();
        for (int i = 1; i < byNumber.length; i++) {
            all.add(byNumber[i]);
        }
        return all;
    }

    /** Length of the host part: drops ":port", and a trailing dot of a fully qualified name. */
    private static int hostEnd(CharSequence host) {
        int end = host.length();
        if (end > 0 && host.charAt(0) == '[') {
            for (int i = 1; i < end; i++) {
                if (host.charAt(i) == ']') {
                    return i + 1;
                }
            }
            return end;
        }
        for (int i = end - 1; i >= 0; i--) {
            char c = host.charAt(i);
            if (c == ':') {
                end = i;
                break;
            }
            if (c < '0' || c > '9') {
                break;
            }
        }
        if (end > 0 && host.charAt(end - 1) == '.') {
            end--;
        }
        return end;
    }
}

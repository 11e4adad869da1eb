package io.smartlinkd.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Checks that a redirect target is an absolute http(s) URL that cannot be turned into something else: no other scheme,
 * no scheme-relative or relative form, no user info (which makes {@code https://shop.com@evil.com} go to evil.com),
 * no characters that split headers or confuse parsers (CR, LF, NUL, line separators, whitespace, backslash).
 *
 * <p>{@code {name}} macros are opaque here: each is replaced by a letter before parsing (macro names are checked
 * where templates are compiled). A macro may not sit in the host, which would let a parameter pick the target site.
 */
final class UrlCheck {
    /** What a macro stands for while parsing; contains no scheme letter, so a macro can never complete "http". */
    private static final String PLACEHOLDER = "x";

    private UrlCheck() {
    }

    /** Why {@code url} is refused, as a sentence about {@code field}; null if it is acceptable. */
    static String problem(String field, String url) {
        if (url.isEmpty()) {
            return field + " must not be empty";
        }
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (Messages.isControl(c)) {
                return field + " contains a control character (U+" + String.format("%04X", (int) c) + ")";
            }
            if (Character.isWhitespace(c) || Character.isSpaceChar(c)) {
                return field + " contains whitespace";
            }
            if (c == '\\') {
                return field + " contains a backslash";
            }
        }
        String plain;
        try {
            plain = withPlaceholders(url);
        } catch (IllegalArgumentException e) {
            return field + " " + e.getMessage();
        }
        String lower = plain.toLowerCase(Locale.ROOT);
        int authorityStart = lower.startsWith("https://") ? 8 : lower.startsWith("http://") ? 7 : -1;
        if (authorityStart < 0) {
            return field + " must be an absolute http:// or https:// URL (got " + Messages.quote(url) + ")";
        }
        // No macro before authorityStart (the placeholder would have spoiled the scheme), so indexes agree.
        int authorityEnd = authorityStart;
        while (authorityEnd < url.length() && "/?#".indexOf(url.charAt(authorityEnd)) < 0) {
            if (url.charAt(authorityEnd) == '{') {
                return field + ": the host cannot contain a macro";
            }
            authorityEnd++;
        }
        String authority = url.substring(authorityStart, authorityEnd);
        if (authority.indexOf('@') >= 0) {
            return field + " must not contain user info ('@' before the host)";
        }
        String host = hostOf(authority);
        if (host.isEmpty()) {
            return field + " has no host";
        }
        URI uri;
        try {
            uri = new URI(plain);
        } catch (URISyntaxException e) {
            return field + " is not a valid URL: " + e.getReason();
        }
        if (uri.getHost() == null) {
            return field + " has an invalid host " + Messages.quote(host);
        }
        return null;
    }

    /** The lower-case host of an accepted absolute URL (no port, no user info). */
    static String host(String url) {
        int start = url.indexOf("://") + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        return hostOf(url.substring(start, end)).toLowerCase(Locale.ROOT);
    }

    private static String hostOf(String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            return close < 0 ? authority : authority.substring(0, close + 1);
        }
        int colon = authority.lastIndexOf(':');
        return colon < 0 ? authority : authority.substring(0, colon);
    }

    /** @throws IllegalArgumentException when braces do not pair up */
    private static String withPlaceholders(String url) {
        StringBuilder plain = new StringBuilder(url.length());
        int i = 0;
        while (i < url.length()) {
            char c = url.charAt(i);
            if (c == '{') {
                int close = url.indexOf('}', i + 1);
                int nested = url.indexOf('{', i + 1);
                if (close < 0 || (nested >= 0 && nested < close)) {
                    throw new IllegalArgumentException("has an unclosed '{' at character " + (i + 1));
                }
                plain.append(PLACEHOLDER);
                i = close + 1;
            } else if (c == '}') {
                throw new IllegalArgumentException("has a '}' without a matching '{' at character " + (i + 1));
            } else {
                plain.append(c);
                i++;
            }
        }
        return plain.toString();
    }
}

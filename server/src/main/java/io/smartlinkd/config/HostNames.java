package io.smartlinkd.config;

import java.util.Locale;

/**
 * Host names as the Host header carries them for our domains: lowercase, no scheme, no port, no path. Requests are
 * matched against these exactly, so refusing other spellings here avoids links that can never be reached.
 */
final class HostNames {
    private static final int MAX_LENGTH = 253;
    private static final int MAX_LABEL_LENGTH = 63;

    private HostNames() {
    }

    /** Why {@code host} is refused, as a sentence about {@code field}; null if it is a valid host name. */
    static String problem(String field, String host) {
        String got = " (got " + Messages.quote(host) + ")";
        if (host.contains("://")) {
            return field + " must be a bare host name, without scheme" + got;
        }
        if (host.indexOf('/') >= 0) {
            return field + " must be a bare host name, without path" + got;
        }
        if (host.indexOf(':') >= 0) {
            return field + " must be a bare host name, without port" + got;
        }
        if (!host.equals(host.toLowerCase(Locale.ROOT))) {
            return field + " must be lowercase" + got;
        }
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.')) {
                return field + " may contain only lowercase letters, digits, '-' and '.'" + got;
            }
        }
        if (host.isEmpty() || host.length() > MAX_LENGTH || !labelsValid(host)) {
            return field + " is not a valid host name" + got;
        }
        return null;
    }

    private static boolean labelsValid(String host) {
        for (String label : host.split("\\.", -1)) {
            if (label.isEmpty() || label.length() > MAX_LABEL_LENGTH || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
        }
        return true;
    }
}

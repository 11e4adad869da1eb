package io.smartlinkd.config;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses listen addresses: {@code host:port} or {@code [ipv6]:port}. */
final class ListenAddresses {
    private static final Pattern HOST_PORT = Pattern.compile("([A-Za-z0-9.-]+):([0-9]{1,5})");
    private static final Pattern IPV6_PORT = Pattern.compile("\\[([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*)]:([0-9]{1,5})");
    private static final int MAX_PORT = 65535;

    private ListenAddresses() {
    }

    /** @throws IllegalArgumentException with a message that reads after the field name */
    static HostPort parse(String text) {
        Matcher matcher = HOST_PORT.matcher(text);
        if (!matcher.matches()) {
            matcher = IPV6_PORT.matcher(text);
        }
        if (!matcher.matches()) {
            throw new IllegalArgumentException("must be host:port or [ipv6]:port (got " + Messages.quote(text) + ")");
        }
        int port = Integer.parseInt(matcher.group(2));
        if (port > MAX_PORT) {
            throw new IllegalArgumentException("port must be between 0 and " + MAX_PORT + " (got " + port + ")");
        }
        return new HostPort(matcher.group(1), port);
    }
}

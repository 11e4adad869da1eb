package io.smartlinkd.config;

/** A listen address; port 0 asks the OS for a free port. */
public record HostPort(String host, int port) {
    @Override
    public String toString() {
        return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
    }
}

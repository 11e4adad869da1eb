package io.smartlinkd.http;

import java.nio.ByteBuffer;

/** PROXY protocol v2 binary headers, written by hand for tests (spec section 2.2). */
public final class ProxyV2 {
    private static final byte[] SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyV2() {
    }

    /** {@code PROXY} command, TCP over IPv4. */
    public static byte[] tcp4(byte[] source, byte[] destination, int sourcePort, int destinationPort) {
        return header(0x21, 0x11, source, destination, sourcePort, destinationPort);
    }

    /** {@code PROXY} command, TCP over IPv6. */
    public static byte[] tcp6(byte[] source, byte[] destination, int sourcePort, int destinationPort) {
        return header(0x21, 0x21, source, destination, sourcePort, destinationPort);
    }

    /** {@code LOCAL} command (a balancer's health check), no addresses. */
    public static byte[] local() {
        ByteBuffer out = ByteBuffer.allocate(16);
        out.put(SIGNATURE).put((byte) 0x20).put((byte) 0x00).putShort((short) 0);
        return out.array();
    }

    private static byte[] header(int versionCommand, int family, byte[] source, byte[] destination, int sourcePort,
                                 int destinationPort) {
        int addressBytes = 2 * source.length + 4;
        ByteBuffer out = ByteBuffer.allocate(16 + addressBytes);
        out.put(SIGNATURE).put((byte) versionCommand).put((byte) family).putShort((short) addressBytes);
        out.put(source).put(destination).putShort((short) sourcePort).putShort((short) destinationPort);
        return out.array();
    }
}

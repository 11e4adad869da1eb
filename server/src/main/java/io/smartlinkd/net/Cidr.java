package io.smartlinkd.net;

import java.util.Arrays;

/**
 * An IPv4 or IPv6 network: an address and a prefix length, written {@code 10.0.0.0/8}, {@code 2001:db8::/32} or a
 * single address ({@code 127.0.0.1} = {@code /32}). A network written with host bits set is refused rather than
 * silently widened, because {@code 10.1.2.3/8} is usually a typo for {@code /32}. IPv4-mapped IPv6 networks
 * ({@code ::ffff:10.0.0.0/104}) are stored as the IPv4 network they denote. Immutable.
 */
public final class Cidr {
    private final byte[] network;
    private final int length;
    private final int prefixBits;

    private Cidr(byte[] network, int length, int prefixBits) {
        this.network = network;
        this.length = length;
        this.prefixBits = prefixBits;
    }

    /**
     * @throws IllegalArgumentException with a message that can follow the config key's name
     */
    public static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] address = new byte[IpAddresses.IPV6_BYTES];
        int length = IpAddresses.parse(addressText, address);
        if (length == 0) {
            throw new IllegalArgumentException("expected an IPv4 or IPv6 address or network such as 10.0.0.0/8 or "
                    + "2001:db8::/32 (got '" + text + "')");
        }
        int maxBits = 8 * length;
        int prefix = maxBits;
        if (slash >= 0) {
            String bits = trimmed.substring(slash + 1);
            if (bits.isEmpty() || bits.length() > 3 || !bits.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException("expected a prefix length after '/' (got '" + text + "')");
            }
            prefix = Integer.parseInt(bits);
            boolean mapped = length == IpAddresses.IPV4_BYTES && addressText.indexOf(':') >= 0;
            if (mapped) {
                prefix -= 96; // ::ffff:a.b.c.d/104 is a.b.c.d/8
                if (prefix < 0 || prefix > maxBits) {
                    throw new IllegalArgumentException("prefix length of an IPv4-mapped network must be between 96 "
                            + "and 128 (got '" + text + "')");
                }
            } else if (prefix > maxBits) {
                throw new IllegalArgumentException("prefix length must be between 0 and " + maxBits + " (got '"
                        + text + "')");
            }
        }
        byte[] network = Arrays.copyOf(address, length);
        boolean hostBits = false;
        for (int bit = prefix; bit < maxBits; bit++) {
            int mask = 0x80 >>> (bit & 7);
            hostBits |= (network[bit >>> 3] & mask) != 0;
            network[bit >>> 3] &= (byte) ~mask;
        }
        if (hostBits) {
            throw new IllegalArgumentException("'" + text + "' has host bits set: write the network "
                    + new Cidr(network, length, prefix) + ", or the single address without a prefix");
        }
        return new Cidr(network, length, prefix);
    }

    /** 4 for IPv4, 16 for IPv6. */
    public int addressLength() {
        return length;
    }

    public int prefixBits() {
        return prefixBits;
    }

    /** The first {@code n} bytes (n = {@link #addressLength()}) into {@code out}. */
    public void network(byte[] out) {
        System.arraycopy(network, 0, out, 0, length);
    }

    public boolean contains(byte[] ip, int ipLength) {
        if (ipLength != length) {
            return false;
        }
        int whole = prefixBits >>> 3;
        for (int i = 0; i < whole; i++) {
            if (ip[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixBits & 7;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff00 >>> rest) & 0xff;
        return (ip[whole] & mask) == (network[whole] & mask);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr && ((Cidr) other).prefixBits == prefixBits
                && Arrays.equals(((Cidr) other).network, network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefixBits;
    }

    @Override
    public String toString() {
        return IpAddresses.format(network, length) + "/" + prefixBits;
    }
}

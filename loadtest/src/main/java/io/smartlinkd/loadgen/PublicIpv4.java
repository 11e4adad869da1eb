package io.smartlinkd.loadgen;

import java.util.SplittableRandom;

/**
 * Random public unicast IPv4 addresses, held as an {@code int} ({@code a.b.c.d} is {@code a << 24 | b << 16 | c << 8
 * | d}) and written in dotted form straight into the request's bytes, so that a fresh address per request costs a
 * few draws and no String. Stateless.
 */
final class PublicIpv4 {
    private PublicIpv4() {
    }

    /** An address outside the private, loopback, link-local, CGNAT, benchmark, multicast and reserved ranges. */
    static int draw(SplittableRandom random) {
        while (true) {
            int a = 1 + random.nextInt(223);
            int b = random.nextInt(256);
            boolean reserved = a == 10 || a == 127 || (a == 100 && b >= 64 && b < 128)
                || (a == 169 && b == 254) || (a == 172 && b >= 16 && b < 32) || (a == 192 && b == 168)
                || (a == 198 && (b == 18 || b == 19));
            if (!reserved) {
                return a << 24 | b << 16 | random.nextInt(256) << 8 | (1 + random.nextInt(254));
            }
        }
    }

    static void write(int address, Request out) {
        octet(address >>> 24, out);
        out.append('.');
        octet(address >>> 16 & 0xff, out);
        out.append('.');
        octet(address >>> 8 & 0xff, out);
        out.append('.');
        octet(address & 0xff, out);
    }

    private static void octet(int value, Request out) {
        if (value >= 100) {
            out.append('0' + value / 100);
            out.append('0' + value / 10 % 10);
        } else if (value >= 10) {
            out.append('0' + value / 10);
        }
        out.append('0' + value % 10);
    }
}

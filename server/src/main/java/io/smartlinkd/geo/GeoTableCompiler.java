package io.smartlinkd.geo;

import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.DeserializationException;
import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.db.InvalidNetworkException;
import com.maxmind.db.Network;
import com.maxmind.db.Networks;
import com.maxmind.db.NetworksIterationException;
import com.maxmind.db.Reader;
import java.io.IOException;
import java.net.Inet4Address;

/**
 * Walks every network of an MMDB search tree with {@link Reader#networks} and feeds it to a
 * {@link GeoTableBuilder}. Runs on a background thread and allocates freely (the reader decodes one record object per
 * network, mostly from its cache).
 *
 * <p>IPv4 is the {@code ::/96} subtree of an IPv6 database, where MaxMind readers look IPv4 up, and which the walk
 * yields first. The usual aliases of it (::ffff:0:0/96, 2002::/16, 2001::/32) are skipped by the reader; a database
 * that stores real copies under ::ffff:0:0/96 instead yields IPv4 networks a second time, after IPv6 ones, and those
 * are skipped here: {@link GeoTable} looks IPv4-mapped addresses up as IPv4.
 */
final class GeoTableCompiler {
    private GeoTableCompiler() {
    }

    /** @return the table; {@link GeoTable#networks()} counts every network read, {@code known} those with a country */
    static Compiled compile(Reader reader, GeoDatabaseKind kind) throws IOException {
        GeoTableBuilder builder = new GeoTableBuilder();
        long known = 0;
        boolean ipv6Seen = false;
        long nextIpv4 = 0;
        try {
            Class<?> shape = kind.geoIp2() ? CountryRecords.GeoIp2.class : CountryRecords.Flat.class;
            Networks<?> networks = reader.networks(shape);
            while (networks.hasNext()) {
                DatabaseRecord<?> record = networks.next();
                Network network = record.network();
                byte[] address = network.networkAddress().getAddress();
                int prefix = network.prefixLength();
                int country = country(record.data());
                if (network.networkAddress() instanceof Inet4Address) {
                    long start = PublicAddresses.ipv4(address, 0) & 0xFFFF_FFFFL;
                    if (ipv6Seen || start < nextIpv4) {
                        continue;
                    }
                    // A tree with data above ::/96 yields a shorter-than-IPv4 prefix here; it still covers all IPv4.
                    int ipv4Prefix = Math.max(prefix, 0);
                    builder.addIpv4(start, ipv4Prefix, country);
                    nextIpv4 = start + (1L << (32 - ipv4Prefix));
                } else {
                    ipv6Seen = true;
                    builder.addIpv6(PublicAddresses.ipv6High(address, 0), PublicAddresses.ipv6Low(address, 0), prefix,
                            country);
                }
                if (country != CountryCode.UNKNOWN) {
                    known++;
                }
            }
        } catch (NetworksIterationException e) {
            throw new InvalidDatabaseException("broken search tree: " + e.getMessage());
        } catch (InvalidNetworkException | DeserializationException e) {
            throw new InvalidDatabaseException(e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidDatabaseException(e.getMessage());
        }
        return new Compiled(builder.build(), known);
    }

    private static int country(Object data) {
        if (data instanceof CountryRecords.GeoIp2) {
            return ((CountryRecords.GeoIp2) data).packed();
        }
        if (data instanceof CountryRecords.Flat) {
            return ((CountryRecords.Flat) data).packed();
        }
        return CountryCode.UNKNOWN;
    }

    /** A compiled table and how many of its networks have a country. */
    record Compiled(GeoTable table, long knownNetworks) {
    }
}

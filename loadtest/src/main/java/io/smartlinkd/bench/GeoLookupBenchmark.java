package io.smartlinkd.bench;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.Networks;
import com.maxmind.db.Reader;
import io.smartlinkd.geo.CountryCode;
import io.smartlinkd.geo.CountryRecords;
import io.smartlinkd.geo.GeoDatabase;
import io.smartlinkd.geo.GeoTable;
import io.smartlinkd.geo.GeoTableBuilder;
import io.smartlinkd.geo.PublicAddresses;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Country lookups of random public client addresses in the compiled {@link GeoTable}, against the real CC0 database
 * when it is present ({@code geo-data/fetch-cc0.sh data}, or {@code -p database=FILE} for any MMDB) and a generated
 * table of the same size otherwise. {@code maxMindReader} is the baseline: the same IPv4 lookups through
 * {@code com.maxmind.db.Reader}. Run from the repository root:
 * {@code java -jar loadtest/target/benchmarks.jar GeoLookup -prof gc}.
 *
 * <p>A million distinct addresses per family, so that the table is read from memory as it is under real traffic,
 * not from a warm L1/L2 cache.
 */
public class GeoLookupBenchmark extends SmartlinkdBenchmark {
    private static final int ADDRESSES = 1 << 20;

    @Param({"data/geo-whois-asn-country.mmdb"})
    String database;

    private GeoTable table;
    private Reader reader;
    private final byte[] ipv4 = new byte[ADDRESSES * 4];
    private final byte[] ipv6 = new byte[ADDRESSES * 16];
    private InetAddress[] inet4;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        SplittableRandom random = new SplittableRandom(20_260_617);
        List<byte[]> ipv6Networks = new ArrayList<>();
        Path file = Path.of(database);
        if (Files.isRegularFile(file)) {
            try (GeoDatabase loaded = GeoDatabase.load(file)) {
                table = loaded.table();
                System.out.printf("%n[geo] %s: %s, %d networks, %d IPv4 + %d IPv6 ranges, %d KiB, compiled in %d ms%n",
                        file, loaded.databaseType(), table.networks(), table.ipv4Ranges(), table.ipv6Ranges(),
                        table.bytes() / 1024, loaded.compileMs());
            }
            reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
            sampleIpv6Networks(reader, ipv6Networks);
        } else {
            System.out.printf("%n[geo] %s not found (geo-data/fetch-cc0.sh data fetches it): using a generated table%n",
                    file.toAbsolutePath());
            table = generated(random, ipv6Networks);
        }
        fillIpv4(random);
        fillIpv6(random, ipv6Networks);
        if (reader != null) {
            inet4 = new InetAddress[ADDRESSES];
            for (int i = 0; i < ADDRESSES; i++) {
                inet4[i] = InetAddress.getByAddress(java.util.Arrays.copyOfRange(ipv4, i * 4, i * 4 + 4));
            }
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }

    @Benchmark
    public int ipv4() {
        int i = next++ & (ADDRESSES - 1);
        return table.country(ipv4, i * 4, 4);
    }

    @Benchmark
    public int ipv6() {
        int i = next++ & (ADDRESSES - 1);
        return table.country(ipv6, i * 16, 16);
    }

    /** The library path the table replaces: a tree walk and a decoded record per lookup. */
    @Benchmark
    public int maxMindReader() throws IOException {
        if (reader == null) {
            return 0;
        }
        CountryRecords.Flat record = reader.get(inet4[next++ & (ADDRESSES - 1)], CountryRecords.Flat.class);
        return record == null || record.countryCode() == null ? 0 : record.countryCode().length();
    }

    /** Uniformly random public IPv4 addresses: nearly all of that space is allocated and in the data. */
    private void fillIpv4(SplittableRandom random) {
        for (int i = 0; i < ADDRESSES; ) {
            int address = random.nextInt();
            byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
            if (PublicAddresses.isPublic(bytes, 4)) {
                System.arraycopy(bytes, 0, ipv4, i * 4, 4);
                i++;
            }
        }
    }

    /** Random addresses inside networks of the data: uniformly random IPv6 addresses would mostly miss it. */
    private void fillIpv6(SplittableRandom random, List<byte[]> networks) {
        for (int i = 0; i < ADDRESSES; i++) {
            byte[] network = networks.get(random.nextInt(networks.size()));
            int prefix = network[16];
            for (int b = 0; b < 16; b++) {
                int keep = Math.max(0, Math.min(8, prefix - 8 * b));
                int mask = keep == 8 ? 0 : 0xFF >>> keep;
                ipv6[i * 16 + b] = (byte) ((network[b] & ~mask) | (random.nextInt(256) & mask));
            }
        }
    }

    /** Every 16th IPv6 network of the database: 16 address bytes and the prefix length. */
    private static void sampleIpv6Networks(Reader reader, List<byte[]> sample) throws IOException {
        try {
            Networks<CountryRecords.Flat> networks = reader.networks(CountryRecords.Flat.class);
            int seen = 0;
            while (networks.hasNext()) {
                DatabaseRecord<CountryRecords.Flat> record = networks.next();
                if (record.network().networkAddress() instanceof Inet6Address && seen++ % 16 == 0) {
                    byte[] entry = java.util.Arrays.copyOf(record.network().networkAddress().getAddress(), 17);
                    entry[16] = (byte) record.network().prefixLength();
                    sample.add(entry);
                }
            }
        } catch (com.maxmind.db.InvalidNetworkException e) {
            throw new IOException(e);
        }
    }

    /**
     * About the size of the CC0 database: some 400,000 IPv4 ranges (/19 to /22 networks and gaps) and 275,000 IPv6
     * networks (/29 to /48) spread over 2000::/4.
     */
    private static GeoTable generated(SplittableRandom random, List<byte[]> ipv6Networks) {
        GeoTableBuilder builder = new GeoTableBuilder();
        long address = 1L << 24;
        while (address < 224L << 24) {
            int prefix = 19 + random.nextInt(4);
            long start = (address + (1L << (32 - prefix)) - 1) & -(1L << (32 - prefix));
            builder.addIpv4(start, prefix, country(random));
            address = start + (1L << (32 - prefix)) + (random.nextInt(2) == 0 ? 1L << 13 : 0);
        }
        long high = 0x2000_0000_0000_0000L;
        for (int i = 0; i < 275_000; i++) {
            int prefix = 29 + random.nextInt(20);
            long size = 1L << (64 - prefix);
            high = (high + size - 1) & -size;
            builder.addIpv6(high, 0, prefix, country(random));
            if (i % 16 == 0) {
                byte[] entry = new byte[17];
                for (int b = 0; b < 8; b++) {
                    entry[b] = (byte) (high >>> (56 - 8 * b));
                }
                entry[16] = (byte) prefix;
                ipv6Networks.add(entry);
            }
            high += size + (random.nextInt(2) == 0 ? size * random.nextInt(64) : 0);
        }
        return builder.build();
    }

    private static int country(SplittableRandom random) {
        return CountryCode.of((char) ('A' + random.nextInt(26)), (char) ('A' + random.nextInt(26)));
    }
}

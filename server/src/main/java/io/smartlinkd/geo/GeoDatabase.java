package io.smartlinkd.geo;

import com.maxmind.db.CHMCache;
import com.maxmind.db.DatabaseRecord;
import com.maxmind.db.InvalidDatabaseException;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import com.maxmind.geoip2.exception.GeoIp2Exception;
import com.maxmind.geoip2.model.CityResponse;
import com.maxmind.geoip2.model.CountryResponse;
import com.maxmind.geoip2.record.Country;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One opened and compiled geo database file: its metadata, the {@link GeoTable} for the click path, and a reader for
 * {@link #describe}, the slower, allocating lookup that the admin explain endpoint shows.
 *
 * <p>{@link #load} validates the file whole before anything uses it: the MMDB metadata (format 2, record size 24, 28
 * or 32, IPv4 or IPv6 tree), a walk of every network, and at least one network with a country. A GeoIP2 / GeoLite2
 * database is also opened with geoip2's {@code DatabaseReader}; flat ones ({@link GeoDatabaseKind#FLAT}) with
 * {@code com.maxmind.db.Reader}.
 *
 * <p>Thread-safe: the table is immutable and both readers may be shared. {@link #describe} may race with
 * {@link #close}, in which case it throws {@link com.maxmind.db.ClosedDatabaseException}.
 */
public final class GeoDatabase implements AutoCloseable {
    /** Decoded records kept while compiling: every distinct record of a country database, most of a City one's. */
    private static final int COMPILE_CACHE_RECORDS = 1 << 18;

    private final Path file;
    private final GeoDatabaseKind kind;
    private final Metadata metadata;
    private final GeoTable table;
    private final long knownNetworks;
    private final long compileMs;
    private final boolean fromCache;
    private final DatabaseReader geoIp2;
    private final Reader flat;

    private GeoDatabase(Path file, GeoDatabaseKind kind, Metadata metadata, GeoTableCompiler.Compiled compiled,
                        long compileMs, boolean fromCache, DatabaseReader geoIp2, Reader flat) {
        this.file = file;
        this.kind = kind;
        this.metadata = metadata;
        this.table = compiled.table();
        this.knownNetworks = compiled.knownNetworks();
        this.compileMs = compileMs;
        this.fromCache = fromCache;
        this.geoIp2 = geoIp2;
        this.flat = flat;
    }

    /**
     * Opens, validates and compiles a database. Blocking and slow (a full database takes about a second): call it off
     * the event loops.
     *
     * @throws IOException with a message fit for a log line when the file is missing, unreadable or not a usable
     *                     country database
     */
    public static GeoDatabase load(Path file) throws IOException {
        return load(file, null);
    }

    /**
     * Like {@link #load(Path)}, but takes the compiled table from {@code cache} when it holds one for this file's
     * content, and keeps a freshly compiled one there.
     */
    static GeoDatabase load(Path file, GeoTableCache cache) throws IOException {
        long started = System.nanoTime();
        Reader reader = null;
        try {
            reader = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache(COMPILE_CACHE_RECORDS));
            Metadata metadata = reader.getMetadata();
            checkFormat(metadata);
            GeoDatabaseKind kind = GeoDatabaseKind.of(metadata.databaseType());
            String key = cache == null ? null : GeoTableCache.keyOf(file);
            GeoTableCompiler.Compiled compiled = key == null ? null : cache.read(key);
            boolean fromCache = compiled != null;
            if (compiled == null) {
                compiled = GeoTableCompiler.compile(reader, kind);
                if (key != null && compiled.knownNetworks() > 0) {
                    cache.write(key, compiled);
                }
            }
            if (compiled.knownNetworks() == 0) {
                throw new InvalidDatabaseException("no network has a country (database type '"
                        + metadata.databaseType() + "'); expected a GeoIP2/GeoLite2 Country or City database or"
                        + " records with country_code");
            }
            long compileMs = (System.nanoTime() - started) / 1_000_000;
            if (kind.geoIp2()) {
                DatabaseReader geoIp2 = new DatabaseReader.Builder(file.toFile())
                        .fileMode(Reader.FileMode.MEMORY_MAPPED).withCache(new CHMCache()).build();
                return new GeoDatabase(file, kind, metadata, compiled, compileMs, fromCache, geoIp2, null);
            }
            Reader flat = new Reader(file.toFile(), Reader.FileMode.MEMORY_MAPPED, new CHMCache());
            return new GeoDatabase(file, kind, metadata, compiled, compileMs, fromCache, null, flat);
        } catch (IOException e) {
            throw new IOException(file + ": " + describe(e), e);
        } catch (RuntimeException e) {
            // The decoders signal some damage with unchecked exceptions (buffer bounds, bad types).
            throw new IOException(file + ": not a valid MaxMind DB file (" + e + ")", e);
        } finally {
            if (reader != null) {
                reader.close();
            }
        }
    }

    private static void checkFormat(Metadata metadata) throws InvalidDatabaseException {
        if (metadata.binaryFormatMajorVersion() != 2) {
            throw new InvalidDatabaseException("unsupported MMDB format version "
                    + metadata.binaryFormatMajorVersion());
        }
        int recordSize = metadata.recordSize();
        if (recordSize != 24 && recordSize != 28 && recordSize != 32) {
            throw new InvalidDatabaseException("unsupported record size " + recordSize);
        }
        if (metadata.ipVersion() != 4 && metadata.ipVersion() != 6) {
            throw new InvalidDatabaseException("unsupported ip_version " + metadata.ipVersion());
        }
    }

    private static String describe(IOException e) {
        if (e instanceof java.nio.file.NoSuchFileException || e instanceof java.io.FileNotFoundException) {
            return "no such file";
        }
        return e.getMessage() == null ? e.toString() : e.getMessage();
    }

    /**
     * What the database says about one address, for an operator: the country (as the click path's table has it) and,
     * for City databases, the city. Allocates and may take microseconds; not for the click path.
     */
    public GeoDescription describe(InetAddress address) throws IOException {
        byte[] raw = address.getAddress();
        String text = address.getHostAddress();
        InetAddress lookedUp = lookupAddress(raw);
        if (lookedUp == null) {
            return new GeoDescription(text, false, null, null, null, null);
        }
        if (kind.geoIp2()) {
            try {
                return describeGeoIp2(text, lookedUp);
            } catch (GeoIp2Exception e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        DatabaseRecord<?> record = flat.getRecord(lookedUp, Map.class);
        Map<?, ?> data = (Map<?, ?>) record.data();
        String country = data == null ? null : upperCountry(data.get("country_code"));
        String city = data == null || !(data.get("city") instanceof String) ? null : (String) data.get("city");
        return new GeoDescription(text, true, lookedUp.getHostAddress(), country, city, network(record.network()));
    }

    private GeoDescription describeGeoIp2(String text, InetAddress lookedUp) throws IOException, GeoIp2Exception {
        String looked = lookedUp.getHostAddress();
        if (kind == GeoDatabaseKind.GEOIP2_CITY) {
            Optional<CityResponse> city = geoIp2.tryCity(lookedUp);
            if (city.isEmpty()) {
                return new GeoDescription(text, true, looked, null, null, null);
            }
            CityResponse response = city.get();
            return new GeoDescription(text, true, looked, iso(response.country(), response.registeredCountry()),
                    response.city() == null ? null : response.city().name(), network(response.traits().network()));
        }
        Optional<CountryResponse> country = geoIp2.tryCountry(lookedUp);
        if (country.isEmpty()) {
            return new GeoDescription(text, true, looked, null, null, null);
        }
        CountryResponse response = country.get();
        return new GeoDescription(text, true, looked, iso(response.country(), response.registeredCountry()), null,
                network(response.traits().network()));
    }

    /** The address the table looks up (an embedded IPv4 for 6to4, Teredo, NAT64, mapped), or null if not public. */
    private static InetAddress lookupAddress(byte[] raw) throws IOException {
        if (raw.length == 4) {
            return PublicAddresses.isPublicIpv4(PublicAddresses.ipv4(raw, 0)) ? InetAddress.getByAddress(raw) : null;
        }
        long verdict = PublicAddresses.classify(PublicAddresses.ipv6High(raw, 0), PublicAddresses.ipv6Low(raw, 0));
        if (verdict == PublicAddresses.NOT_PUBLIC) {
            return null;
        }
        if (verdict == PublicAddresses.IPV6) {
            return InetAddress.getByAddress(raw);
        }
        int v4 = (int) verdict;
        return InetAddress.getByAddress(new byte[] {(byte) (v4 >>> 24), (byte) (v4 >>> 16), (byte) (v4 >>> 8),
                (byte) v4});
    }

    private static String iso(Country country, Country registered) {
        String used = country == null ? null : upperCountry(country.isoCode());
        return used != null || registered == null ? used : upperCountry(registered.isoCode());
    }

    private static String upperCountry(Object code) {
        return code instanceof String ? CountryCode.toString(CountryCode.of((String) code)) : null;
    }

    private static String network(com.maxmind.db.Network network) {
        return network == null ? null : network.toString();
    }

    public Path file() {
        return file;
    }

    public GeoDatabaseKind kind() {
        return kind;
    }

    /** The metadata's {@code database_type}, e.g. {@code "GeoLite2-Country"} or {@code "country ipvAll"}. */
    public String databaseType() {
        return metadata.databaseType();
    }

    /** When the database was built, from its metadata. */
    public Instant buildTime() {
        return metadata.buildTime();
    }

    public GeoTable table() {
        return table;
    }

    /** Networks that have a country. */
    public long knownNetworks() {
        return knownNetworks;
    }

    /** Time to open, validate and compile the file. */
    public long compileMs() {
        return compileMs;
    }

    /** Whether the table came from the data dir's cache rather than a walk of the database. */
    public boolean fromCache() {
        return fromCache;
    }

    @Override
    public void close() throws IOException {
        if (geoIp2 != null) {
            geoIp2.close();
        }
        if (flat != null) {
            flat.close();
        }
    }
}

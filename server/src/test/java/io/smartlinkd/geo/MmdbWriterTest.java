package io.smartlinkd.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.maxmind.db.CHMCache;
import com.maxmind.db.Metadata;
import com.maxmind.db.Reader;
import com.maxmind.geoip2.DatabaseReader;
import java.io.ByteArrayInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The test writer is checked against MaxMind's own readers, so the geo tests rest on real MMDB files. */
@Timeout(30)
class MmdbWriterTest {

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28, 32})
    void shouldWriteACountryDatabaseThatMaxMindsReaderReads(int recordSize) throws Exception {
        try (Reader reader = new Reader(new ByteArrayInputStream(Fixtures.cc0(recordSize).toBytes()))) {
            Metadata metadata = reader.getMetadata();
            assertEquals("country ipvAll", metadata.databaseType());
            assertEquals(6, metadata.ipVersion());
            assertEquals(recordSize, metadata.recordSize());
            assertEquals(2, metadata.binaryFormatMajorVersion());
            assertEquals(BigInteger.valueOf(1_700_000_000L), metadata.buildEpoch());
            assertEquals(List.of("en"), metadata.languages());

            assertEquals(Map.of("country_code", "US"), reader.get(ip("8.8.8.8"), Map.class));
            assertEquals(Map.of("country_code", "GB"), reader.get(ip("81.2.69.1"), Map.class));
            assertEquals(Map.of("country_code", "SE"), reader.get(ip("81.2.69.130"), Map.class));
            assertEquals(Map.of("country_code", "JP"), reader.get(ip("2001:218:1::1"), Map.class));
            assertEquals(Map.of("country_code", "DE"), reader.get(ip("2a02:ec0::8000:0:0:1"), Map.class));
            assertNull(reader.get(ip("2a02:ec0::1"), Map.class));
            assertNull(reader.get(ip("9.9.9.9"), Map.class));
        }
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28, 32})
    void shouldWriteGeoLite2DatabasesThatDatabaseReaderReads(int recordSize) throws Exception {
        try (DatabaseReader country = new DatabaseReader.Builder(
                new ByteArrayInputStream(Fixtures.geoLite2Country(recordSize).toBytes())).build()) {
            assertEquals("US", country.country(ip("8.8.8.8")).country().isoCode());
            assertEquals("8.8.8.0/24", country.country(ip("8.8.8.8")).traits().network().toString());
            // MaxMind's aliases: the IPv4-mapped and 6to4 forms reach the IPv4 data.
            assertEquals("GB", country.country(ip("2002:5102:4501::1")).country().isoCode());
            assertEquals("SE", country.country(ip("198.41.128.1")).registeredCountry().isoCode());
            assertNull(country.country(ip("198.41.128.1")).country().isoCode());
        }
        try (DatabaseReader city = new DatabaseReader.Builder(
                new ByteArrayInputStream(Fixtures.geoLite2City(recordSize).toBytes())).build()) {
            assertEquals("Linköping", city.city(ip("89.160.20.113")).city().name());
            assertEquals("SE", city.city(ip("89.160.20.113")).country().isoCode());
            assertEquals(52.5, city.city(ip("89.160.20.113")).location().latitude());
            assertEquals("Oslo", city.city(ip("2a02:cf40::1")).city().name());
        }
    }

    @Test
    void shouldWriteAnIpv4OnlyTree() throws Exception {
        MmdbWriter writer = new MmdbWriter("GeoIP2-Country", 4, 24)
                .insert("81.2.69.0/24", Fixtures.geoIp2Record("GB", null));
        try (Reader reader = new Reader(new ByteArrayInputStream(writer.toBytes()), new CHMCache())) {
            assertEquals(4, reader.getMetadata().ipVersion());
            Map<?, ?> record = reader.get(ip("81.2.69.142"), Map.class);
            assertEquals("GB", ((Map<?, ?>) record.get("country")).get("iso_code"));
        }
    }

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}

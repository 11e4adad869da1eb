package io.smartlinkd.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class GeoDatabaseTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28, 32})
    void shouldCompileTheCc0CountryDatabase(int recordSize) throws Exception {
        try (GeoDatabase database = GeoDatabase.load(Fixtures.cc0(recordSize).writeTo(dir.resolve("cc0.mmdb")))) {
            assertEquals(GeoDatabaseKind.FLAT, database.kind());
            assertEquals("country ipvAll", database.databaseType());
            assertEquals(1_700_000_000L, database.buildTime().getEpochSecond());
            assertCountriesOfTheFixture(database.table());
        }
    }

    @ParameterizedTest(name = "{0}-bit records")
    @ValueSource(ints = {24, 28, 32})
    void shouldCompileAGeoLite2CountryDatabase(int recordSize) throws Exception {
        Path file = Fixtures.geoLite2Country(recordSize).writeTo(dir.resolve("GeoLite2-Country.mmdb"));
        try (GeoDatabase database = GeoDatabase.load(file)) {
            assertEquals(GeoDatabaseKind.GEOIP2_COUNTRY, database.kind());
            assertCountriesOfTheFixture(database.table());
            assertEquals("SE", country(database.table(), "198.41.128.7"), "registered country when none is given");
        }
    }

    @Test
    void shouldCompileAGeoLite2CityDatabase() throws Exception {
        Path file = Fixtures.geoLite2City(28).writeTo(dir.resolve("GeoLite2-City.mmdb"));
        try (GeoDatabase database = GeoDatabase.load(file)) {
            assertEquals(GeoDatabaseKind.GEOIP2_CITY, database.kind());
            assertCountriesOfTheFixture(database.table());
        }
    }

    @Test
    void shouldCompileAnIpv4OnlyDatabase() throws Exception {
        Path file = new MmdbWriter("GeoIP2-Country", 4, 24)
                .insert("81.2.69.0/24", Fixtures.geoIp2Record("GB", null))
                .writeTo(dir.resolve("v4.mmdb"));
        try (GeoDatabase database = GeoDatabase.load(file)) {
            assertEquals("GB", country(database.table(), "81.2.69.142"));
            assertEquals("GB", country(database.table(), "::ffff:81.2.69.142"));
            assertNull(country(database.table(), "2001:4860:4860::8888"));
        }
    }

    static void assertCountriesOfTheFixture(GeoTable table) throws Exception {
        // IPv4, with the edges of each network.
        assertEquals("AU", country(table, "1.0.0.0"));
        assertEquals("AU", country(table, "1.0.0.255"));
        assertNull(country(table, "1.0.1.0"));
        assertNull(country(table, "0.255.255.255"));
        assertEquals("EU", country(table, "2.16.0.0"));
        assertEquals("EU", country(table, "2.23.255.255"));
        assertNull(country(table, "2.24.0.0"));
        assertEquals("US", country(table, "8.8.8.8"));
        assertNull(country(table, "8.8.9.0"));
        assertEquals("GB", country(table, "81.2.69.127"));
        assertEquals("SE", country(table, "81.2.69.128"), "the longer prefix inside the /24");
        assertEquals("SE", country(table, "81.2.69.191"));
        assertEquals("GB", country(table, "81.2.69.192"));
        assertEquals("SE", country(table, "89.160.20.112"));
        assertEquals("SE", country(table, "89.160.20.127"));
        assertNull(country(table, "89.160.20.128"));
        assertEquals("US", country(table, "216.160.83.63"));
        assertEquals("AU", country(table, "223.255.255.255"));
        assertNull(country(table, "9.9.9.9"), "a public address the database does not place");
        // IPv6, with the edges of each network.
        assertEquals("JP", country(table, "2001:218::"));
        assertEquals("JP", country(table, "2001:218:ffff:ffff:ffff:ffff:ffff:ffff"));
        assertNull(country(table, "2001:219::"));
        assertEquals("US", country(table, "2001:480::1"));
        assertEquals("NO", country(table, "2a02:cf40::"));
        assertEquals("NO", country(table, "2a02:cf47:ffff::1"));
        assertNull(country(table, "2a02:cf48::"));
        assertEquals("SE", country(table, "2a02:d300::1"));
        assertEquals("ZA", country(table, "2c0f:ff00::1"));
        assertEquals("US", country(table, "2001:4860:4860::8888"));
        assertNull(country(table, "2001:4860:4860::8889"), "a /128");
        assertEquals("DE", country(table, "2a02:ec0::8000:0:0:0"), "a /65: the low half decides");
        assertNull(country(table, "2a02:ec0::7fff:ffff:ffff:ffff"));
        // IPv4 in IPv6 forms.
        assertEquals("GB", country(table, "::ffff:81.2.69.1"));
        assertEquals("GB", country(table, "2002:5102:4501::1"), "6to4");
        assertEquals("US", country(table, "64:ff9b::8.8.8.8"), "NAT64");
        // Never looked up, though the data may have them.
        assertNull(country(table, "192.168.1.1"));
        assertNull(country(table, "10.0.0.1"));
        assertNull(country(table, "fd12::1"));
        assertNull(country(table, "::1"));
        assertNull(country(table, "::ffff:192.168.1.1"));
    }

    @Test
    void shouldDescribeAnAddressWithCountryCityAndNetwork() throws Exception {
        Path file = Fixtures.geoLite2City(24).writeTo(dir.resolve("GeoLite2-City.mmdb"));
        try (GeoDatabase database = GeoDatabase.load(file)) {
            assertEquals(new GeoDescription("89.160.20.113", true, "89.160.20.113", "SE", "Linköping",
                    "89.160.20.112/28"), database.describe(InetAddress.getByName("89.160.20.113")));
            assertEquals(new GeoDescription("2002:5102:4501:0:0:0:0:1", true, "81.2.69.1", "GB", "London",
                    "81.2.69.0/25"), database.describe(InetAddress.getByName("2002:5102:4501::1")));
            assertEquals(new GeoDescription("192.168.1.1", false, null, null, null, null),
                    database.describe(InetAddress.getByName("192.168.1.1")));
            assertEquals(new GeoDescription("9.9.9.9", true, "9.9.9.9", null, null, null),
                    database.describe(InetAddress.getByName("9.9.9.9")));
            assertEquals("SE", database.describe(InetAddress.getByName("198.41.128.7")).country());
        }
    }

    @Test
    void shouldDescribeWithTheCountryDatabasesToo() throws Exception {
        try (GeoDatabase country = GeoDatabase.load(Fixtures.geoLite2Country(24).writeTo(dir.resolve("c.mmdb")));
             GeoDatabase cc0 = GeoDatabase.load(Fixtures.cc0(24).writeTo(dir.resolve("cc0.mmdb")))) {
            assertEquals(new GeoDescription("8.8.8.8", true, "8.8.8.8", "US", null, "8.8.8.0/24"),
                    country.describe(InetAddress.getByName("8.8.8.8")));
            GeoDescription flat = cc0.describe(InetAddress.getByName("2a02:cf40::1"));
            assertEquals("NO", flat.country());
            assertNull(flat.city());
            assertTrue(flat.network().startsWith("2a02:cf40:"), flat.network());
        }
    }

    @Test
    void shouldAgreeWithDescribeOnEveryFixtureNetwork() throws Exception {
        try (GeoDatabase database = GeoDatabase.load(Fixtures.geoLite2City(32).writeTo(dir.resolve("c.mmdb")))) {
            for (String[] network : Fixtures.NETWORKS) {
                InetAddress first = InetAddress.getByName(network[0].substring(0, network[0].indexOf('/')));
                byte[] raw = first.getAddress();
                assertEquals(database.describe(first).country(),
                        CountryCode.toString(database.table().country(raw, raw.length)), network[0]);
            }
        }
    }

    @Test
    void shouldRefuseAMissingFile() {
        IOException refused = assertThrows(IOException.class, () -> GeoDatabase.load(dir.resolve("none.mmdb")));
        assertTrue(refused.getMessage().endsWith("none.mmdb: no such file"), refused.getMessage());
    }

    @Test
    void shouldRefuseAFileThatIsNotAnMmdb() throws Exception {
        Path file = Files.write(dir.resolve("garbage.mmdb"), "this is not a database\n".repeat(100).getBytes());
        IOException refused = assertThrows(IOException.class, () -> GeoDatabase.load(file));
        assertTrue(refused.getMessage().contains("metadata"), refused.getMessage());
    }

    @Test
    void shouldRefuseATruncatedDatabase() throws Exception {
        byte[] whole = Fixtures.cc0(24).toBytes();
        // Cut in the middle of the search tree: the metadata marker is gone.
        Path file = Files.write(dir.resolve("cut.mmdb"), Arrays.copyOf(whole, whole.length / 3));
        assertThrows(IOException.class, () -> GeoDatabase.load(file));
    }

    @Test
    void shouldRefuseADatabaseWhoseTreePointsPastTheFile() throws Exception {
        byte[] bytes = Fixtures.cc0(24).toBytes();
        // The root's left record (first three bytes) becomes a data pointer far beyond the data section.
        bytes[0] = (byte) 0xFF;
        bytes[1] = (byte) 0xFF;
        bytes[2] = (byte) 0xF0;
        Path file = Files.write(dir.resolve("broken.mmdb"), bytes);
        IOException refused = assertThrows(IOException.class, () -> GeoDatabase.load(file));
        assertTrue(refused.getMessage().startsWith(file.toString()), refused.getMessage());
    }

    @Test
    void shouldRefuseADatabaseWithoutCountries() throws Exception {
        Path file = new MmdbWriter("GeoLite2-ASN", 6, 24)
                .insert("8.8.8.0/24", Map.of("autonomous_system_number", 15169,
                        "autonomous_system_organization", "GOOGLE"))
                .writeTo(dir.resolve("GeoLite2-ASN.mmdb"));
        IOException refused = assertThrows(IOException.class, () -> GeoDatabase.load(file));
        assertTrue(refused.getMessage().contains("no network has a country (database type 'GeoLite2-ASN')"),
                refused.getMessage());
    }

    @Test
    void shouldRefuseAFlatDatabaseWhoseCountryIsNotAString() throws Exception {
        Path file = new MmdbWriter("country ipvAll", 6, 24)
                .insert("8.8.8.0/24", Map.of("country_code", Map.of("iso", "US")))
                .writeTo(dir.resolve("odd.mmdb"));
        assertThrows(IOException.class, () -> GeoDatabase.load(file));
    }

    @Test
    void shouldTellKindsApartByDatabaseType() {
        assertEquals(GeoDatabaseKind.GEOIP2_COUNTRY, GeoDatabaseKind.of("GeoLite2-Country"));
        assertEquals(GeoDatabaseKind.GEOIP2_COUNTRY, GeoDatabaseKind.of("GeoIP2-Country"));
        assertEquals(GeoDatabaseKind.GEOIP2_COUNTRY, GeoDatabaseKind.of("DBIP-Country-Lite"));
        assertEquals(GeoDatabaseKind.GEOIP2_CITY, GeoDatabaseKind.of("GeoLite2-City"));
        assertEquals(GeoDatabaseKind.GEOIP2_CITY, GeoDatabaseKind.of("GeoIP2-Enterprise"));
        assertEquals(GeoDatabaseKind.FLAT, GeoDatabaseKind.of("country ipvAll"));
        assertEquals(GeoDatabaseKind.FLAT, GeoDatabaseKind.of(null));
        assertFalse(GeoDatabaseKind.FLAT.geoIp2());
    }

    static String country(GeoTable table, String literal) throws Exception {
        byte[] raw = PublicAddressesTest.literalBytes(literal);
        return CountryCode.toString(table.country(raw, raw.length));
    }
}

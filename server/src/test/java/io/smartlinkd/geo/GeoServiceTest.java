package io.smartlinkd.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.config.GeoConfig;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reloading without a restart. The tests call {@link GeoService#check()} themselves (what the watcher thread runs),
 * with {@code reload_check: 0} so no watcher races them; one test lets the watcher do it.
 */
@Timeout(30)
class GeoServiceTest {
    private static final long NEVER = 0;

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheConfiguredDatabaseBeforeTheFirstCheckCompletes() throws Exception {
        Path file = database("US").writeTo(dir.resolve("geo.mmdb"));
        try (GeoService geo = GeoService.start(new GeoConfig(file, NEVER))) {
            assertTrue(geo.awaitFirstCheck(20_000));
            assertEquals("US", country(geo, "8.8.8.8"));
            assertEquals("US", country(geo, "2001:4860:4860::8888"));
            assertEquals(1, geo.reloads());
            assertEquals(0, geo.reloadFailures());
            assertEquals("country ipvAll", geo.databaseType());
            assertEquals(2, geo.networks());
            assertTrue(geo.tableBytes() > 0);
            assertTrue(geo.lastReloadMs() > 0);
            assertEquals(1_700_000_000L, geo.databaseBuildEpochSeconds());
        }
    }

    @Test
    void shouldSwapInANewFileRenamedOverTheOldOne() throws Exception {
        Path file = database("US").writeTo(dir.resolve("geo.mmdb"));
        try (GeoService geo = started(file)) {
            GeoTable before = geo.table();
            assertFalse(geo.check(), "unchanged");

            database("DE").writeTo(file);

            assertTrue(geo.check());
            assertEquals("DE", country(geo, "8.8.8.8"));
            assertEquals("US", GeoDatabaseTest.country(before, "8.8.8.8"), "a click holding the old table keeps it");
            assertEquals(2, geo.reloads());
        }
    }

    @Test
    void shouldKeepTheTableWhenTheNewFileIsCorruptAndReportItOnce() throws Exception {
        Path file = database("US").writeTo(dir.resolve("geo.mmdb"));
        try (GeoService geo = started(file)) {
            replace(file, "<html>502 Bad Gateway</html>".getBytes());

            assertFalse(geo.check());
            assertEquals("US", country(geo, "8.8.8.8"));
            assertEquals(1, geo.reloadFailures());
            assertFalse(geo.check());
            assertEquals(1, geo.reloadFailures(), "the same bad file is not tried again");

            database("FR").writeTo(file);
            assertTrue(geo.check());
            assertEquals("FR", country(geo, "8.8.8.8"));
            assertEquals(1, geo.reloadFailures());
        }
    }

    @Test
    void shouldKeepTheTableWhenTheNewFileHasNoCountries() throws Exception {
        Path file = database("US").writeTo(dir.resolve("geo.mmdb"));
        try (GeoService geo = started(file)) {
            new MmdbWriter("GeoLite2-ASN", 6, 24).insert("8.8.8.0/24", Map.of("autonomous_system_number", 15169))
                    .writeTo(file);

            assertFalse(geo.check());
            assertEquals("US", country(geo, "8.8.8.8"));
            assertEquals(1, geo.reloadFailures());
        }
    }

    @Test
    void shouldKeepTheTableWhenTheFileDisappears() throws Exception {
        Path file = database("US").writeTo(dir.resolve("geo.mmdb"));
        try (GeoService geo = started(file)) {
            Files.delete(file);

            assertFalse(geo.check());
            assertEquals("US", country(geo, "8.8.8.8"));
            assertEquals(0, geo.reloadFailures());
        }
    }

    @Test
    void shouldServeUnknownCountriesUntilAMissingFileAppears() throws Exception {
        Path file = dir.resolve("GeoLite2-Country.mmdb");
        try (GeoService geo = GeoService.start(new GeoConfig(file, NEVER))) {
            assertFalse(geo.awaitFirstCheck(20_000));
            assertFalse(geo.loaded());
            assertNull(country(geo, "8.8.8.8"));

            Fixtures.geoLite2Country(28).writeTo(file);

            assertTrue(geo.check());
            assertEquals("US", country(geo, "8.8.8.8"));
            assertEquals("GB", country(geo, "::ffff:81.2.69.1"));
        }
    }

    @Test
    void shouldAnswerUnknownWithoutADatabase() throws Exception {
        try (GeoService geo = GeoService.start(GeoConfig.DEFAULTS)) {
            assertFalse(geo.awaitFirstCheck(1_000));
            assertFalse(geo.check());
            assertNull(country(geo, "8.8.8.8"));
            assertEquals(new GeoDescription("8.8.8.8", true, null, null, null, null),
                    geo.describe(InetAddress.getByName("8.8.8.8")));
            assertEquals(0, geo.networks());
            assertNull(geo.databaseType());
        }
    }

    @Test
    void shouldDescribeThroughTheLiveDatabase() throws Exception {
        Path file = Fixtures.geoLite2City(24).writeTo(dir.resolve("GeoLite2-City.mmdb"));
        try (GeoService geo = started(file)) {
            GeoDescription description = geo.describe(InetAddress.getByName("81.2.69.142"));
            assertEquals("SE", description.country());
            assertEquals("Stockholm", description.city());

            Fixtures.geoLite2Country(24).writeTo(file);
            assertTrue(geo.check());
            assertNull(geo.describe(InetAddress.getByName("81.2.69.142")).city(), "a Country database has no cities");
        }
    }

    @Test
    void shouldReloadByItselfOnTheConfiguredInterval() throws Exception {
        Path file = database("US").writeTo(dir.resolve("geo.mmdb"));
        try (GeoService geo = GeoService.start(new GeoConfig(file, 1_000))) {
            assertTrue(geo.awaitFirstCheck(20_000));

            database("NL").writeTo(file);

            while (!"NL".equals(country(geo, "8.8.8.8"))) {
                Thread.sleep(50); // bounded by the test's timeout
            }
            assertEquals(2, geo.reloads());
        }
    }

    @Test
    void shouldStopCheckingOnceClosed() throws Exception {
        Path file = database("US").writeTo(dir.resolve("geo.mmdb"));
        GeoService geo = started(file);
        geo.close();
        database("DE").writeTo(file);
        assertFalse(geo.check());
    }

    private GeoService started(Path file) throws InterruptedException {
        GeoService geo = GeoService.start(new GeoConfig(file, NEVER));
        assertTrue(geo.awaitFirstCheck(20_000));
        return geo;
    }

    /** One IPv4 and one IPv6 network, both in {@code country}. */
    private static MmdbWriter database(String country) {
        return new MmdbWriter("country ipvAll", 6, 24)
                .insert("8.8.8.0/24", Map.of("country_code", country))
                .insert("2001:4860::/32", Map.of("country_code", country));
    }

    private static void replace(Path file, byte[] bytes) throws Exception {
        Path temporary = Files.write(file.resolveSibling("incoming.tmp"), bytes);
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String country(GeoService geo, String literal) throws Exception {
        byte[] raw = PublicAddressesTest.literalBytes(literal);
        return CountryCode.toString(geo.country(raw, raw.length));
    }
}

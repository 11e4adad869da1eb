package io.smartlinkd.geo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(30)
class GeoTableCacheTest {
    @TempDir
    Path dir;

    private List<Path> cached() throws Exception {
        try (var files = Files.list(dir.resolve("cache"))) {
            return files.toList();
        }
    }

    @Test
    void shouldAnswerTheSameCountriesFromTheCachedTableAsFromTheDatabase() throws Exception {
        Path file = Fixtures.geoLite2City(28).writeTo(dir.resolve("GeoLite2-City.mmdb"));
        GeoTableCache cache = new GeoTableCache(dir.resolve("cache"));
        try (GeoDatabase compiled = GeoDatabase.load(file, cache)) {
            assertFalse(compiled.fromCache());
        }
        try (GeoDatabase cachedLoad = GeoDatabase.load(file, cache)) {
            assertTrue(cachedLoad.fromCache());
            GeoDatabaseTest.assertCountriesOfTheFixture(cachedLoad.table());
            try (GeoDatabase fresh = GeoDatabase.load(file)) {
                assertEquals(fresh.table().networks(), cachedLoad.table().networks());
                assertEquals(fresh.table().ipv4Ranges(), cachedLoad.table().ipv4Ranges());
                assertEquals(fresh.table().ipv6Ranges(), cachedLoad.table().ipv6Ranges());
                assertEquals(fresh.knownNetworks(), cachedLoad.knownNetworks());
            }
        }
    }

    @Test
    void shouldCompileAgainWhenTheCachedTableIsDamaged() throws Exception {
        Path file = Fixtures.cc0(24).writeTo(dir.resolve("cc0.mmdb"));
        GeoTableCache cache = new GeoTableCache(dir.resolve("cache"));
        GeoDatabase.load(file, cache).close();
        Path table = cached().get(0);
        byte[] bytes = Files.readAllBytes(table);
        bytes[bytes.length / 2] ^= 0x10;
        Files.write(table, bytes);

        try (GeoDatabase database = GeoDatabase.load(file, cache)) {
            assertFalse(database.fromCache(), "a flipped bit is caught by the checksum");
            GeoDatabaseTest.assertCountriesOfTheFixture(database.table());
        }
        Files.write(table, new byte[] {1, 2, 3});
        try (GeoDatabase database = GeoDatabase.load(file, cache)) {
            assertFalse(database.fromCache(), "a truncated file too");
        }
        try (GeoDatabase database = GeoDatabase.load(file, cache)) {
            assertTrue(database.fromCache(), "and the rebuilt table is kept");
        }
    }

    @Test
    void shouldKeepOnlyTheTableOfTheCurrentDatabase() throws Exception {
        Path file = dir.resolve("geo.mmdb");
        GeoTableCache cache = new GeoTableCache(dir.resolve("cache"));
        Fixtures.cc0(24).writeTo(file);
        GeoDatabase.load(file, cache).close();
        Path first = cached().get(0);

        Fixtures.geoLite2Country(24).writeTo(file);
        try (GeoDatabase database = GeoDatabase.load(file, cache)) {
            assertFalse(database.fromCache(), "new content, new key");
            assertEquals(GeoDatabaseKind.GEOIP2_COUNTRY, database.kind());
        }
        assertEquals(1, cached().size());
        assertFalse(cached().contains(first));
    }
}

package io.smartlinkd.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The {@code server.geo:} section. */
@Timeout(10)
class GeoConfigTest {
    @TempDir
    Path dir;

    @Test
    void shouldResolveARelativeDatabaseAgainstTheConfigDirectory() throws Exception {
        Config config = new ConfigDir(dir).write("server.yaml", """
                server:
                  geo:
                    database: ../geo/GeoLite2-Country.mmdb
                    reload_check: 5m
                """).load();

        assertEquals(new GeoConfig(dir.resolve("../geo/GeoLite2-Country.mmdb").normalize(), 300_000),
                config.server().geo());
    }

    @Test
    void shouldKeepAnAbsoluteDatabasePathAndTakeItFromTheEnvironment() throws Exception {
        Config config = new ConfigDir(dir).env(Map.of("GEO_DB", "/var/lib/GeoIP/GeoLite2-City.mmdb"))
                .write("server.yaml", "server:\n  geo:\n    database: ${GEO_DB}\n    reload_check: 0\n").load();

        assertEquals(new GeoConfig(Path.of("/var/lib/GeoIP/GeoLite2-City.mmdb"), 0), config.server().geo());
    }

    @Test
    void shouldDefaultToNoDatabaseCheckedEveryThirtySeconds() throws Exception {
        assertEquals(GeoConfig.DEFAULTS, new ConfigDir(dir).write("server.yaml", "server:\n  node_id: 1\n").load()
                .server().geo());
        assertEquals(new GeoConfig(null, 30_000), GeoConfig.DEFAULTS);
        Config emptyVariable = new ConfigDir(dir)
                .write("server.yaml", "server:\n  geo:\n    database: ${GEO_DB:-}\n").load();
        assertNull(emptyVariable.server().geo().database(), "an empty variable means no database");
    }

    @Test
    void shouldNameTheAllowedKeysWhenAGeoKeyIsMistyped() {
        ConfigDir config = new ConfigDir(dir).write("server.yaml", "server:\n  geo:\n    databse: x.mmdb\n");

        assertEquals(List.of("server.yaml:3:5: unknown key 'databse' in geo (allowed: database, reload_check)"),
                config.errors());
    }

    @Test
    void shouldRefuseValuesOfTheWrongTypeOrRange() throws Exception {
        Files.createDirectories(dir.resolve("geo"));
        assertEquals(List.of("server.yaml:2:8: geo: expected a mapping, got 'GeoLite2-Country.mmdb'"),
                errors("server:\n  geo: GeoLite2-Country.mmdb\n"));
        assertEquals(List.of("server.yaml:3:15: database: expected a string, got a list"),
                errors("server:\n  geo:\n    database: [a.mmdb]\n"));
        assertEquals(List.of("server.yaml:3:15: database: 'geo' is a directory; expected an .mmdb file"),
                errors("server:\n  geo:\n    database: geo\n"));
        assertEquals(List.of("server.yaml:3:19: reload_check: expected a duration such as 500ms, 10s or 2m,"
                + " got 'hourly'"), errors("server:\n  geo:\n    reload_check: hourly\n"));
        assertEquals(List.of("server.yaml:3:19: reload_check must be between 0 and 1d (got 25h)"),
                errors("server:\n  geo:\n    reload_check: 25h\n"));
        assertEquals(List.of("server.yaml:3:19: reload_check must be 0 (never) or at least 1s (got 500ms)"),
                errors("server:\n  geo:\n    reload_check: 500ms\n"));
    }

    @Test
    void shouldReadTheDemoConfigsGeoSection() throws Exception {
        Path demo = Path.of("..", "config", "demo");
        GeoConfig geo = ConfigLoader.load(demo).server().geo();

        assertEquals(Path.of("..", "data", "geo-whois-asn-country.mmdb").toAbsolutePath().normalize(),
                geo.database().toAbsolutePath().normalize(), "the file bin/smartlinkd demo fetches");
        assertEquals(30_000, geo.reloadCheckMs());
    }

    private List<String> errors(String serverYaml) {
        return new ConfigDir(dir).write("server.yaml", serverYaml).errors();
    }
}

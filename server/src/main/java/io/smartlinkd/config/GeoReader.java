package io.smartlinkd.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/** Reads {@code server.geo:}; every key is optional. The database file need not exist yet (geoipupdate may add it). */
final class GeoReader {
    static final List<String> KEYS = List.of("database", "reload_check");

    private static final long MIN_CHECK_MS = 1_000;
    private static final long MAX_CHECK_MS = 86_400_000;

    private GeoReader() {
    }

    static GeoConfig read(YamlValue section) {
        GeoConfig defaults = GeoConfig.DEFAULTS;
        YamlMap geo = section.map("in geo", KEYS);
        YamlValue checkValue = geo.get("reload_check");
        long checkMs = checkValue.durationMs(0, MAX_CHECK_MS, defaults.reloadCheckMs());
        if (checkMs > 0 && checkMs < MIN_CHECK_MS) {
            checkValue.error("reload_check must be 0 (never) or at least 1s (got " + checkValue.string().trim() + ")");
            checkMs = defaults.reloadCheckMs();
        }
        return new GeoConfig(database(geo), checkMs);
    }

    private static Path database(YamlMap geo) {
        String text = geo.optionalString("database");
        if (text == null) {
            return null;
        }
        YamlValue value = geo.get("database");
        Path path;
        try {
            path = value.file().configDir().resolve(text.trim()).normalize();
        } catch (InvalidPathException e) {
            value.error("database: invalid path " + Messages.quote(text));
            return null;
        }
        if (Files.isDirectory(path)) {
            value.error("database: " + Messages.quote(text) + " is a directory; expected an .mmdb file");
            return null;
        }
        return path;
    }
}

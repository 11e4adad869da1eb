package io.smartlinkd.config;

import java.nio.file.Path;

/**
 * The {@code server.geo:} section: where the country database is and how often to look for a new version of it.
 *
 * @param database      the MMDB file (GeoIP2/GeoLite2 Country or City, or the CC0 ip-location-db country database),
 *                      a relative path resolved against the config directory; null = no geo, every country unknown
 * @param reloadCheckMs how often the file is checked for a new version (mtime, size, inode); 0 = never
 */
public record GeoConfig(Path database, long reloadCheckMs) {
    public static final GeoConfig DEFAULTS = new GeoConfig(null, 30_000);
}

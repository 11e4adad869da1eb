package io.smartlinkd.geo;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The three kinds of test database, with the same networks, written by {@link MmdbWriter}. */
final class Fixtures {
    private Fixtures() {
    }

    /** The CC0 ip-location-db layout: type "country ipvAll", records {country_code}. */
    static MmdbWriter cc0(int recordSize) {
        MmdbWriter writer = new MmdbWriter("country ipvAll", 6, recordSize);
        for (String[] network : NETWORKS) {
            writer.insert(network[0], Map.of("country_code", network[1]));
        }
        // The CC0 data answers for private ranges too; the table must never use that.
        writer.insert("192.168.0.0/16", Map.of("country_code", "AU"));
        writer.insert("10.0.0.0/8", Map.of("country_code", "US"));
        writer.insert("fc00::/7", Map.of("country_code", "US"));
        return writer;
    }

    /** GeoLite2-Country layout with MaxMind's IPv4 aliases. */
    static MmdbWriter geoLite2Country(int recordSize) {
        MmdbWriter writer = new MmdbWriter("GeoLite2-Country", 6, recordSize).aliasIpv4();
        for (String[] network : NETWORKS) {
            writer.insert(network[0], geoIp2Record(network[1], null));
        }
        // A network MaxMind places nowhere but registers in a country.
        writer.insert("198.41.128.0/24", registeredOnly("SE"));
        return writer;
    }

    /** GeoLite2-City layout: City adds city names. */
    static MmdbWriter geoLite2City(int recordSize) {
        MmdbWriter writer = new MmdbWriter("GeoLite2-City", 6, recordSize).aliasIpv4();
        for (String[] network : NETWORKS) {
            writer.insert(network[0], geoIp2Record(network[1], network.length > 2 ? network[2] : null));
        }
        writer.insert("198.41.128.0/24", registeredOnly("SE"));
        return writer;
    }

    /** CIDR, country, optional city; non-overlapping except where a longer prefix is meant to win. */
    static final String[][] NETWORKS = {
            {"1.0.0.0/24", "AU", "Brisbane"},
            {"2.16.0.0/13", "EU"},
            {"8.8.8.0/24", "US", "Mountain View"},
            {"81.2.69.0/24", "GB", "London"},
            {"81.2.69.128/26", "SE", "Stockholm"},   // inside the /24: the longer prefix wins
            {"89.160.20.112/28", "SE", "Linköping"},
            {"175.16.199.0/24", "CN", "Changchun"},
            {"216.160.83.56/29", "US", "Milton"},
            {"223.255.255.0/24", "AU"},
            {"2001:218::/32", "JP"},
            {"2001:480::/32", "US"},
            {"2a02:cf40::/29", "NO", "Oslo"},
            {"2a02:d300::/29", "SE"},
            {"2c0f:ff00::/26", "ZA"},
            {"2001:4860:4860::8888/128", "US", "Ashburn"},
            {"2a02:ec0:0:0:8000::/65", "DE"},      // a prefix longer than 64: the low half matters
    };

    static Map<String, Object> geoIp2Record(String country, String city) {
        Map<String, Object> record = new LinkedHashMap<>();
        if (city != null) {
            record.put("city", Map.of("geoname_id", 2_950_159L, "names", Map.of("en", city, "de", city)));
        }
        record.put("continent", Map.of("code", "EU", "geoname_id", 6_255_148L, "names", Map.of("en", "Europe")));
        record.put("country", Map.of("geoname_id", 2_921_044L, "iso_code", country,
                "names", Map.of("en", "Country " + country)));
        if (city != null) {
            record.put("location", Map.of("accuracy_radius", 100, "latitude", 52.5, "longitude", 13.4,
                    "time_zone", "Europe/Berlin"));
        }
        record.put("registered_country", Map.of("geoname_id", 2_921_044L, "iso_code", country,
                "names", Map.of("en", "Country " + country)));
        record.put("subdivisions", List.of(Map.of("iso_code", "BE", "names", Map.of("en", "Somewhere"))));
        return record;
    }

    private static Map<String, Object> registeredOnly(String country) {
        return Map.of("registered_country", Map.of("geoname_id", 2_661_886L, "iso_code", country,
                "names", Map.of("en", "Country " + country)), "traits", Map.of("is_anycast", true));
    }
}

package io.smartlinkd.geo;

/**
 * The record layouts a geo database can have, told apart by its metadata's {@code database_type}.
 */
public enum GeoDatabaseKind {
    /**
     * MaxMind GeoIP2 / GeoLite2 Country (and GeoIP2-compatible ones such as DB-IP's Country Lite): records
     * {@code {country: {iso_code}, registered_country: {iso_code}, …}}, read with geoip2's {@code DatabaseReader}.
     */
    GEOIP2_COUNTRY,
    /** MaxMind GeoIP2 / GeoLite2 City or Enterprise: as {@link #GEOIP2_COUNTRY}, plus {@code city.names}. */
    GEOIP2_CITY,
    /**
     * Flat records {@code {country_code, …}} as ip-location-db publishes them (the CC0 {@code geo-whois-asn-country},
     * type {@code "country ipvAll"}), read with {@code com.maxmind.db.Reader}: {@code DatabaseReader} refuses their
     * type. A {@code city} field, where present, is shown by {@link GeoDatabase#describe}.
     */
    FLAT;

    /** Decides as {@code DatabaseReader} does (case-sensitive "City", "Enterprise", "Country"); else flat. */
    static GeoDatabaseKind of(String databaseType) {
        if (databaseType == null) {
            return FLAT;
        }
        if (databaseType.contains("City") || databaseType.contains("Enterprise")) {
            return GEOIP2_CITY;
        }
        return databaseType.contains("Country") ? GEOIP2_COUNTRY : FLAT;
    }

    boolean geoIp2() {
        return this != FLAT;
    }
}

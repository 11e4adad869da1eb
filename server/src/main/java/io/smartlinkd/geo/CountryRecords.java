package io.smartlinkd.geo;

import com.maxmind.db.MaxMindDbParameter;

/**
 * The parts of a database record that the table needs, as shapes for {@code com.maxmind.db.Reader}'s decoder: it
 * fills only these fields and skips the rest of a record (names, locations, subdivisions), which keeps compiling a
 * City database fast. Public only because the decoder instantiates them by reflection.
 */
public final class CountryRecords {
    private CountryRecords() {
    }

    /** GeoIP2 / GeoLite2 Country, City, Enterprise: {@code {country: {iso_code}, registered_country: {iso_code}}}. */
    public record GeoIp2(
            @MaxMindDbParameter(name = "country") Iso country,
            @MaxMindDbParameter(name = "registered_country") Iso registeredCountry) {

        /**
         * Where the network is used; where MaxMind leaves that out (some anycast and satellite networks), where it is
         * registered.
         */
        int packed() {
            int used = country == null ? CountryCode.UNKNOWN : CountryCode.of(country.isoCode());
            if (used != CountryCode.UNKNOWN || registeredCountry == null) {
                return used;
            }
            return CountryCode.of(registeredCountry.isoCode());
        }
    }

    /** {@code {iso_code}} inside a GeoIP2 country. */
    public record Iso(@MaxMindDbParameter(name = "iso_code") String isoCode) {
    }

    /** ip-location-db's flat records: {@code {country_code}} (the CC0 {@code geo-whois-asn-country}). */
    public record Flat(@MaxMindDbParameter(name = "country_code") String countryCode) {
        int packed() {
            return CountryCode.of(countryCode);
        }
    }
}

package io.smartlinkd.geo;

/**
 * What the geo database says about one address, for the admin explain endpoint.
 *
 * @param address       the address asked about
 * @param publicAddress false for private, loopback, reserved and other addresses that are never looked up
 * @param lookedUp      the address actually looked up (the IPv4 address inside a mapped, 6to4, Teredo or NAT64 one);
 *                      null when not public
 * @param country       ISO 3166-1 alpha-2, upper case; null when unknown
 * @param city          the city's English name; null when unknown or when the database has no cities
 * @param network       the database network that answered, e.g. {@code 8.8.8.0/24}; null when none did
 */
public record GeoDescription(String address, boolean publicAddress, String lookedUp, String country, String city,
                             String network) {
}

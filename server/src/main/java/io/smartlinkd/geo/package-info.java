/**
 * Country of a click's client address: {@link io.smartlinkd.geo.GeoService} keeps the live
 * {@link io.smartlinkd.geo.GeoTable}, compiled from a MaxMind DB file and swapped when the file is replaced.
 *
 * <h2>Implementation note</h2>
 *
 * <b>Why a compiled table.</b> MaxMind's readers walk the file's binary search tree bit by bit and decode a record
 * object per lookup: about 0.5&ndash;1 &micro;s and ~600 bytes of garbage per click, measured with
 * {@code GeoLookupBenchmark}. The click path needs neither the tree nor the records, only a country. So at load time,
 * on a background thread, {@link io.smartlinkd.geo.GeoTableCompiler} walks every network once with
 * {@code Reader.networks} (about 1,010,000 in the CC0 database) and
 * {@link io.smartlinkd.geo.GeoTableBuilder} turns them into sorted ranges: adjacent networks of one country merge,
 * gaps become ranges of country 0, so the ranges cover the whole address space and a lookup is "the last range
 * starting at or before the address". A lookup is then a binary search over primitive arrays, narrowed first by an
 * index of the top address bits: no allocation, no lock, no pointer chasing.
 *
 * <b>Layout.</b> IPv4: {@code int[]} starts and a parallel {@code char[]} of packed countries
 * ({@link io.smartlinkd.geo.CountryCode}). IPv6: two {@code long[]} (high and low 64 bits, so that prefixes longer
 * than /64 stay exact) and a {@code char[]}. Starts are stored with the sign bit flipped, so plain signed comparisons
 * order them as unsigned; the low half is only read when the high halves are equal. For the CC0 database: 341,574
 * IPv4 and 275,357 IPv6 ranges, 7.5 MB with the indexes.
 *
 * <b>Which addresses.</b> Only public addresses are looked up ({@link io.smartlinkd.geo.PublicAddresses}); IPv4 in
 * IPv6 forms (mapped, 6to4, Teredo, NAT64) is looked up as IPv4, as MaxMind's databases alias those prefixes to their
 * IPv4 subtree. IPv4 data is the {@code ::/96} subtree of an IPv6 database, where MaxMind's readers look it up.
 *
 * <b>Reload.</b> A new file is validated whole (metadata, every network, at least one country) before one volatile
 * write publishes it; a click reads the reference once and keeps that table for the whole click. A failed file leaves
 * the live table in place. Old tables are plain heap arrays and need no closing; the old file's describe readers
 * are closed after the swap.
 *
 * <p>References: MaxMind DB File Format Specification 2.0; IANA IPv4 and IPv6 Special-Purpose Address Registries
 * (RFC 6890, RFC 9637 for 3fff::/20).
 */
package io.smartlinkd.geo;

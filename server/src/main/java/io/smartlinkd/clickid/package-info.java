/**
 * Click ids: unique across nodes, self-describing, authenticated, 36 URL-safe characters. A postback verifies one
 * and learns the node, time, link and offer of the click without any lookup.
 *
 * <h2>Implementation note</h2>
 *
 * <b>Layout.</b> 27 bytes, big-endian, then base64url without padding (RFC 4648 section 5), which gives exactly
 * 36 characters of {@code [A-Za-z0-9_-]}; 27 is a multiple of 3, so there are no padding bits and every id has one
 * spelling only.
 * <pre>
 *  offset  bytes  field
 *   0      1      version, 1
 *   1      2      node id, 0..65535
 *   3      6      time, Unix epoch milliseconds (good until the year 10889)
 *   9      4      link number, a stable per-link int
 *  13      2      offer number, 0 = none
 *  15      4      sequence: minter index (top 8 bits) | minter counter (low 24 bits, wraps)
 *  19      8      MAC: SipHash-2-4 over bytes 0..18, the 64-bit tag written big-endian
 * </pre>
 *
 * <b>Uniqueness.</b> The tuple (node id, time ms, minter index, counter) never repeats: node ids are unique per
 * deployment, each event loop has its own minter index, and a minter would have to mint 2<sup>24</sup> (16.7 million)
 * ids within one millisecond for its counter to come round again. No state is shared between event loops. The counter
 * starts at a random value, so even a restart under a wall clock stepped backwards repeats an id only with
 * probability about 2<sup>-24</sup> per click in the repeated milliseconds.
 *
 * <b>MAC.</b> SipHash-2-4 (Aumasson and Bernstein, 2012) with a 128-bit key, implemented in {@link
 * io.smartlinkd.clickid.SipHash24}. It is a keyed PRF built for short inputs: about 20&ndash;40 ns and no allocation
 * on the JVM, where HMAC-SHA256 through {@code javax.crypto.Mac} costs about a microsecond and allocates on each
 * {@code doFinal}. A 64-bit tag leaves a blind forger a 2<sup>-64</sup> chance per try; the tag is compared in
 * constant time. The key comes from an operator secret (first 16 bytes of its SHA-256) shared by all nodes, or from
 * a key file generated once; {@link io.smartlinkd.clickid.ClickIdVerifier} accepts previous keys during a rotation.
 *
 * <b>Versions.</b> The first byte lets a later layout coexist with this one; verifiers reject versions they do not
 * know.
 */
package io.smartlinkd.clickid;

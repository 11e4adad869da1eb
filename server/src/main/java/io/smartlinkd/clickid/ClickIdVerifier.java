package io.smartlinkd.clickid;

import static io.smartlinkd.clickid.ClickIdLayout.BINARY_LENGTH;
import static io.smartlinkd.clickid.ClickIdLayout.MAC_BYTES;
import static io.smartlinkd.clickid.ClickIdLayout.MAC_OFFSET;
import static io.smartlinkd.clickid.ClickIdLayout.VERSION_OFFSET;

import java.util.List;
import java.util.Objects;

/**
 * Checks a click id's MAC and decodes it, with no lookup: a postback proves that this deployment minted the id.
 * <p>
 * Holds the current key first, then previous keys still accepted while ids minted before a key rotation are in
 * circulation. An id's MAC is checked against the keys in that order and the first match wins, so timing can
 * reveal which key a valid id matched (not a secret); an id that matches none is checked against every key.
 * <p>
 * Immutable and thread-safe. {@link #verify} never throws and allocates a 27-byte scratch array and, on success,
 * the returned {@link ClickId}; both die young.
 */
public final class ClickIdVerifier {
    /** k0, k1 of each key, current key first. */
    private final long[] keyWords;

    /**
     * @param current  key that minters use now
     * @param previous keys of earlier rotations still accepted, newest first
     */
    public ClickIdVerifier(ClickIdKey current, ClickIdKey... previous) {
        this(concat(current, previous));
    }

    /**
     * @param keys current key first, then previous keys still accepted
     * @throws IllegalArgumentException if there is no key
     */
    public ClickIdVerifier(List<ClickIdKey> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("a click id verifier needs at least one key");
        }
        keyWords = new long[2 * keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            ClickIdKey key = Objects.requireNonNull(keys.get(i), "key");
            keyWords[2 * i] = key.k0();
            keyWords[2 * i + 1] = key.k1();
        }
    }

    /**
     * @param text a click id as minted, for example a query parameter (a Netty {@code AsciiString} works as is)
     * @return the decoded id, or null if {@code text} is null, not exactly {@value ClickId#TEXT_LENGTH} base64url
     *         characters, of an unknown version, or carries a MAC that matches none of the keys
     */
    public ClickId verify(CharSequence text) {
        if (text == null || text.length() != ClickId.TEXT_LENGTH) {
            return null;
        }
        final byte[] bytes = new byte[BINARY_LENGTH];
        if (!Base64Url.decode(text, 0, ClickId.TEXT_LENGTH, bytes, 0)
                || (bytes[VERSION_OFFSET] & 0xff) != ClickId.CURRENT_VERSION) {
            return null;
        }
        final long received = ClickIdLayout.bigEndian(bytes, MAC_OFFSET, MAC_BYTES);
        for (int i = 0; i < keyWords.length; i += 2) {
            if (macEquals(SipHash24.hash(keyWords[i], keyWords[i + 1], bytes, 0, MAC_OFFSET), received)) {
                return ClickIdLayout.readId(bytes);
            }
        }
        return null;
    }

    /** How many keys are accepted, the current one included. */
    public int keyCount() {
        return keyWords.length / 2;
    }

    /**
     * Constant-time comparison: all 8 MAC bytes are XOR-ed at once as one 64-bit word, with no early exit at the
     * first differing byte, so the time taken does not tell an attacker how many leading bytes were right.
     */
    static boolean macEquals(long expected, long received) {
        long difference = expected ^ received;
        // (d | -d) has its sign bit set exactly when d != 0.
        return ((difference | -difference) >>> 63) == 0;
    }

    @Override
    public String toString() {
        return "ClickIdVerifier[keys=" + keyCount() + "]";
    }

    private static List<ClickIdKey> concat(ClickIdKey current, ClickIdKey[] previous) {
        ClickIdKey[] all = new ClickIdKey[1 + previous.length];
        all[0] = Objects.requireNonNull(current, "current");
        System.arraycopy(previous, 0, all, 1, previous.length);
        return List.of(all); // rejects null previous keys
    }
}

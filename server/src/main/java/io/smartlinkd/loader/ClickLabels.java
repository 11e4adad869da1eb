package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickLayout;

/**
 * Text labels for coded click fields (one journal byte each), built once for all {@link #CODES} codes so that
 * loading a row neither formats nor allocates them. Codes this version does not know keep their number visible
 * ({@code outcome_9}) rather than refusing the journal: a newer server may add some.
 */
final class ClickLabels {
    /** Every value a one-byte code can take. */
    static final int CODES = 256;

    private static final String[] OUTCOMES = new String[CODES];
    private static final String[] DEVICES = new String[CODES];
    private static final String[] IP_FORMS = new String[CODES];
    private static final String[] KNOWN_DEVICES = {"unknown", "desktop", "mobile", "tablet", "other"};
    private static final String[] KNOWN_IP_FORMS = {"none", "ipv4_24", "ipv6_48", "hash"};
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        for (int code = 0; code < CODES; code++) {
            ClickLayout.Outcome outcome = ClickLayout.Outcome.of(code);
            OUTCOMES[code] = outcome != null ? outcome.label() : "outcome_" + code;
            DEVICES[code] = code < KNOWN_DEVICES.length ? KNOWN_DEVICES[code] : "device_" + code;
            IP_FORMS[code] = code < KNOWN_IP_FORMS.length ? KNOWN_IP_FORMS[code] : "form_" + code;
        }
    }

    private ClickLabels() {
    }

    static String outcome(int code) {
        return OUTCOMES[code];
    }

    static String device(int code) {
        return DEVICES[code];
    }

    static String ipForm(int code) {
        return IP_FORMS[code];
    }

    static byte hexDigit(int nibble) {
        return HEX_DIGITS[nibble];
    }
}

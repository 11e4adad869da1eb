package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickLayout;
import java.util.HexFormat;

/** Text labels for coded click fields, built once so that loading a row does not format them again. */
final class ClickLabels {
    private static final String[] OUTCOMES = new String[256];
    private static final String[] DEVICES = {"unknown", "desktop", "mobile", "tablet", "other"};
    private static final String[] IP_FORMS = {"none", "ipv4_24", "ipv6_48", "hash"};
    private static final byte[] HEX_DIGITS = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    static {
        for (int code = 0; code < OUTCOMES.length; code++) {
            ClickLayout.Outcome outcome = ClickLayout.Outcome.of(code);
            // A newer server may add outcomes; keep the code visible rather than refusing the whole journal.
            OUTCOMES[code] = outcome != null ? outcome.label() : "outcome_" + code;
        }
    }

    private ClickLabels() {
    }

    static String outcome(int code) {
        return OUTCOMES[code];
    }

    static String device(int code) {
        return code < DEVICES.length ? DEVICES[code] : "device_" + code;
    }

    static String ipForm(int code) {
        return code < IP_FORMS.length ? IP_FORMS[code] : "form_" + code;
    }

    static byte hexDigit(int nibble) {
        return HEX_DIGITS[nibble];
    }

    static String hex(byte[] bytes, int length) {
        return HexFormat.of().formatHex(bytes, 0, length);
    }
}

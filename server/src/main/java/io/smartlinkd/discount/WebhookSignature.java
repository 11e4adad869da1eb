package io.smartlinkd.discount;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks a webhook's {@code base64(HMAC-SHA256(secret, raw body))} header against one or two secrets (two during a
 * rotation), before anything reads the body. Every secret is tried whatever the outcome, and the comparison is
 * constant-time, so timing tells an attacker nothing about how close a guess was. Thread-safe.
 */
public final class WebhookSignature {
    private static final int MAC_BYTES = 32;
    private final List<SecretKeySpec> keys = new ArrayList<>();

    public WebhookSignature(List<String> secrets) {
        for (String secret : secrets) {
            keys.add(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        }
    }

    /** False when no secret is configured: the endpoint is off. */
    public boolean enabled() {
        return !keys.isEmpty();
    }

    public boolean verify(byte[] body, String header) {
        if (header == null || keys.isEmpty()) {
            return false;
        }
        byte[] claimed;
        try {
            claimed = Base64.getDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (claimed.length != MAC_BYTES) {
            return false;
        }
        boolean match = false;
        for (SecretKeySpec key : keys) {
            match |= MessageDigest.isEqual(mac(key, body), claimed);
        }
        return match;
    }

    /** The header value for {@code body} with {@code secret}: what a sender (or a test) computes. */
    public static String sign(String secret, byte[] body) {
        return Base64.getEncoder().encodeToString(
                mac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body));
    }

    private static byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}

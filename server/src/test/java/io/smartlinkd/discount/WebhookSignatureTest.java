package io.smartlinkd.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {
    private static final String NEW = "new-secret-0123456789abcdef";
    private static final String OLD = "old-secret-0123456789abcdef";
    private static final byte[] BODY = "{\"id\":1,\"total_price\":\"10.00\",\"discount_codes\":[{\"code\":\"A\"}]}"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void shouldMatchShopifysDocumentedComputation() throws Exception {
        // base64(HMAC-SHA256(secret, raw body)), computed independently of the class under test.
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(NEW.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = Base64.getEncoder().encodeToString(mac.doFinal(BODY));
        assertEquals(expected, WebhookSignature.sign(NEW, BODY));
        assertTrue(new WebhookSignature(List.of(NEW)).verify(BODY, expected));
    }

    @Test
    void shouldAcceptEitherSecretDuringARotation() {
        WebhookSignature keys = new WebhookSignature(List.of(NEW, OLD));
        assertTrue(keys.verify(BODY, WebhookSignature.sign(NEW, BODY)));
        assertTrue(keys.verify(BODY, WebhookSignature.sign(OLD, BODY)));
        assertFalse(keys.verify(BODY, WebhookSignature.sign("a-third-secret-0123456789", BODY)));
        assertFalse(new WebhookSignature(List.of(NEW)).verify(BODY, WebhookSignature.sign(OLD, BODY)));
    }

    @Test
    void shouldRefuseEveryOneBitChangeOfBodyOrSignature() {
        WebhookSignature keys = new WebhookSignature(List.of(NEW));
        String signature = WebhookSignature.sign(NEW, BODY);
        for (int bit = 0; bit < BODY.length * 8; bit++) {
            byte[] changed = BODY.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(keys.verify(changed, signature), "body bit " + bit);
        }
        byte[] mac = Base64.getDecoder().decode(signature);
        for (int bit = 0; bit < mac.length * 8; bit++) {
            byte[] changed = mac.clone();
            changed[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(keys.verify(BODY, Base64.getEncoder().encodeToString(changed)), "signature bit " + bit);
        }
    }

    @Test
    void shouldRefuseMissingMalformedAndUnconfigured() {
        WebhookSignature keys = new WebhookSignature(List.of(NEW));
        assertFalse(keys.verify(BODY, null));
        assertFalse(keys.verify(BODY, ""));
        assertFalse(keys.verify(BODY, "not base64 !!"));
        assertFalse(keys.verify(BODY, Base64.getEncoder().encodeToString(new byte[31])));
        WebhookSignature off = new WebhookSignature(List.of());
        assertFalse(off.enabled());
        assertFalse(off.verify(BODY, WebhookSignature.sign(NEW, BODY)));
    }
}

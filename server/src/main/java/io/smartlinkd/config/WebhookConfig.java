package io.smartlinkd.config;

import java.util.List;

/**
 * Order webhooks on the public listener. An endpoint without secrets is off (404): nothing unsigned is believed.
 *
 * @param shopifySecrets  keys for {@code POST /webhooks/shopify/orders} ({@code X-Shopify-Hmac-Sha256}); two
 *                        during a rotation, the new one first
 * @param secrets         keys for the generic {@code POST /webhooks/orders} ({@code X-Smartlinkd-Hmac-Sha256})
 * @param maxBodyBytes    larger bodies are refused with 413 before any parsing
 */
public record WebhookConfig(List<String> shopifySecrets, List<String> secrets, int maxBodyBytes) {
    public static final WebhookConfig DEFAULTS = new WebhookConfig(List.of(), List.of(), 1 << 20);

    @Override
    public String toString() {
        return "WebhookConfig[shopifySecrets=" + shopifySecrets.size() + ", secrets=" + secrets.size()
                + ", maxBodyBytes=" + maxBodyBytes + "]";
    }
}

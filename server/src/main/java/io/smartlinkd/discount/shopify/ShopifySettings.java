package io.smartlinkd.discount.shopify;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;

/**
 * Where and how {@link ShopifyCodeProvider} talks to one store's Admin GraphQL API for one code discount.
 * Immutable; every argument is checked once here. The access token is a secret: {@link #toString()} masks it.
 *
 * @param shopDomain     the store, e.g. {@code my-store.myshopify.com} (no scheme, no path)
 * @param discountId     the code discount the codes belong to, {@code gid://shopify/DiscountCodeNode/123}
 * @param accessToken    Admin API access token with the {@code write_discounts} scope (from the environment)
 * @param apiVersion     Admin API version, e.g. {@code 2025-10}
 * @param apiBase        scheme and authority the requests go to; {@code https://{shopDomain}} in production,
 *                       a local stand-in in tests
 * @param requestTimeout connect and response timeout of one HTTP request
 * @param pollInterval   wait between two polls of a bulk creation or delete job
 * @param jobTimeout     how long a bulk job may stay not done (counted in poll intervals) before it is an error
 * @param maxAttempts    attempts of one request on 5xx, connection errors and throttling before giving up
 * @param initialBackoff first retry wait; doubles per attempt, with jitter
 * @param maxBackoff     cap of any single wait (backoff, {@code Retry-After}, throttle restore)
 */
public record ShopifySettings(
        String shopDomain,
        String discountId,
        String accessToken,
        String apiVersion,
        URI apiBase,
        Duration requestTimeout,
        Duration pollInterval,
        Duration jobTimeout,
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff) {

    public static final String DEFAULT_API_VERSION = "2025-10";
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);
    public static final Duration DEFAULT_JOB_TIMEOUT = Duration.ofMinutes(2);
    public static final int DEFAULT_MAX_ATTEMPTS = 5;
    public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofMillis(500);
    public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);

    private static final String DISCOUNT_GID_PREFIX = "gid://shopify/DiscountCodeNode/";

    public ShopifySettings {
        requireText(shopDomain, "shopDomain");
        if (shopDomain.contains("/") || shopDomain.contains(":") || shopDomain.contains(" ")) {
            throw new IllegalArgumentException("shopDomain must be a host name like my-store.myshopify.com, got '"
                    + shopDomain + "'");
        }
        requireText(discountId, "discountId");
        if (!discountId.startsWith(DISCOUNT_GID_PREFIX) || discountId.length() == DISCOUNT_GID_PREFIX.length()) {
            throw new IllegalArgumentException("discountId must be a GID like " + DISCOUNT_GID_PREFIX + "123, got '"
                    + discountId + "'");
        }
        requireText(accessToken, "accessToken");
        requireText(apiVersion, "apiVersion");
        Objects.requireNonNull(apiBase, "apiBase");
        if (apiBase.getScheme() == null || apiBase.getHost() == null
                || !(apiBase.getScheme().equals("https") || apiBase.getScheme().equals("http"))) {
            throw new IllegalArgumentException("apiBase must be an http(s) URI with a host, got '" + apiBase + "'");
        }
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(pollInterval, "pollInterval");
        requirePositive(jobTimeout, "jobTimeout");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        requirePositive(initialBackoff, "initialBackoff");
        requirePositive(maxBackoff, "maxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("maxBackoff (" + maxBackoff + ") must not be below initialBackoff ("
                    + initialBackoff + ")");
        }
    }

    /** Settings with every default: API version, {@code https://{shopDomain}}, timeouts, attempts, backoff. */
    public static ShopifySettings of(String shopDomain, String discountId, String accessToken) {
        requireText(shopDomain, "shopDomain");
        return new ShopifySettings(shopDomain, discountId, accessToken, DEFAULT_API_VERSION,
                URI.create("https://" + shopDomain), DEFAULT_REQUEST_TIMEOUT, DEFAULT_POLL_INTERVAL,
                DEFAULT_JOB_TIMEOUT, DEFAULT_MAX_ATTEMPTS, DEFAULT_INITIAL_BACKOFF, DEFAULT_MAX_BACKOFF);
    }

    public ShopifySettings withApiVersion(String version) {
        return new ShopifySettings(shopDomain, discountId, accessToken, version, apiBase, requestTimeout,
                pollInterval, jobTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public ShopifySettings withApiBase(URI base) {
        return new ShopifySettings(shopDomain, discountId, accessToken, apiVersion, base, requestTimeout,
                pollInterval, jobTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public ShopifySettings withRequestTimeout(Duration timeout) {
        return new ShopifySettings(shopDomain, discountId, accessToken, apiVersion, apiBase, timeout,
                pollInterval, jobTimeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public ShopifySettings withPolling(Duration interval, Duration timeout) {
        return new ShopifySettings(shopDomain, discountId, accessToken, apiVersion, apiBase, requestTimeout,
                interval, timeout, maxAttempts, initialBackoff, maxBackoff);
    }

    public ShopifySettings withRetries(int attempts, Duration initial, Duration max) {
        return new ShopifySettings(shopDomain, discountId, accessToken, apiVersion, apiBase, requestTimeout,
                pollInterval, jobTimeout, attempts, initial, max);
    }

    /** {@code {apiBase}/admin/api/{apiVersion}/graphql.json}. */
    public URI endpoint() {
        String base = apiBase.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/admin/api/" + apiVersion + "/graphql.json");
    }

    /** Polls a bulk job may take before it counts as never completing: jobTimeout / pollInterval, at least 1. */
    public int maxPolls() {
        long polls = (jobTimeout.toMillis() + pollInterval.toMillis() - 1) / Math.max(1, pollInterval.toMillis());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, polls));
    }

    @Override
    public String toString() {
        return "ShopifySettings[shopDomain=" + shopDomain + ", discountId=" + discountId + ", accessToken=****"
                + ", apiVersion=" + apiVersion + ", apiBase=" + apiBase + ", requestTimeout=" + requestTimeout
                + ", pollInterval=" + pollInterval + ", jobTimeout=" + jobTimeout + ", maxAttempts=" + maxAttempts
                + ", initialBackoff=" + initialBackoff + ", maxBackoff=" + maxBackoff + "]";
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration, got " + value);
        }
    }
}

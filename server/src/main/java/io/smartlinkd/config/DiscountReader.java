package io.smartlinkd.config;

import io.smartlinkd.discount.CodeFormat;
import java.util.List;

/** Reads one item of {@code discounts:}; uniqueness and references are checked in {@link CrossChecks}. */
final class DiscountReader {
    static final List<String> KEYS = List.of("id", "store", "landing", "location", "code", "validity", "grace",
            "provider", "shopify", "pool", "when_empty");
    static final List<String> CODE_KEYS = List.of("prefix", "alphabet", "length");
    static final List<String> POOL_KEYS = List.of("size", "low_water");
    static final List<String> SHOPIFY_KEYS = List.of("shop", "discount_id", "access_token", "api_version", "api_base");
    private static final long DAY_MS = 86_400_000L;
    private static final int DEFAULT_POOL_SIZE = 1_000;
    private static final int MAX_POOL_SIZE = 1_000_000;

    private DiscountReader() {
    }

    static ConfigDraft.Discount read(YamlValue item) {
        YamlMap discount = item.map("in discount", KEYS);
        String id = Identifiers.checked(discount.get("id"), discount.requiredString("id"));
        String store = host(discount.get("store"), discount.requiredString("store"));
        String landing = landing(discount.get("landing"), store);
        String location = location(discount.get("location"), store);
        CodeFormat format = format(discount.get("code"));
        String provider = provider(discount.get("provider"));
        ShopifyStoreConfig shopify = shopify(discount, provider);
        YamlMap pool = discount.get("pool").map("in pool", POOL_KEYS);
        int size = pool.get("size").renamed("pool.size").integer(16, MAX_POOL_SIZE, DEFAULT_POOL_SIZE);
        int lowWater = pool.get("low_water").renamed("pool.low_water").integer(1, MAX_POOL_SIZE, size / 4);
        if (lowWater >= size) {
            pool.get("low_water").error("pool.low_water must be below pool.size (" + size + ")");
            lowWater = size / 4;
        }
        DiscountConfig config = new DiscountConfig(
                id,
                store,
                landing,
                location,
                format,
                discount.get("validity").durationMs(60_000, 30 * DAY_MS, DAY_MS),
                discount.get("grace").durationMs(0, 365 * DAY_MS, 7 * DAY_MS),
                provider,
                shopify,
                size,
                lowWater,
                Urls.optional(discount, "when_empty"),
                discount.at());
        return new ConfigDraft.Discount(config, discount.get("id").at());
    }

    private static String host(YamlValue value, String host) {
        if (host == null) {
            return null;
        }
        String problem = HostNames.problem("store", host);
        if (problem != null) {
            value.error(problem);
            return null;
        }
        return host;
    }

    private static String landing(YamlValue value, String store) {
        String landing = value.string();
        if (landing == null) {
            return "/";
        }
        if (!landing.startsWith("/") || landing.startsWith("//")) {
            value.error("landing must be a path on the store, starting with a single '/' (got "
                    + Messages.quote(landing) + ")");
            return "/";
        }
        if (store != null && landing.indexOf('{') >= 0) {
            value.error("landing cannot contain macros; give the link a destination on the store instead");
            return "/";
        }
        if (store != null && Urls.checked(value, "https://" + store + landing) == null) {
            return "/";
        }
        return landing;
    }

    private static String location(YamlValue value, String store) {
        String template = value.string();
        if (template == null) {
            template = DiscountConfig.DEFAULT_LOCATION;
        } else if (!template.contains("{code}")) {
            value.error("location must contain {code}");
        }
        if (store == null) {
            return template;
        }
        return Urls.checked(value, template.replace("{store}", store));
    }

    private static CodeFormat format(YamlValue value) {
        YamlMap code = value.map("in code", CODE_KEYS);
        String prefix = code.optionalString("prefix");
        String alphabet = code.optionalString("alphabet");
        int length = code.get("length").renamed("code.length").integer(1, CodeFormat.MAX_CODE_CHARS,
                CodeFormat.DEFAULT_LENGTH);
        CodeFormat format = new CodeFormat(prefix == null ? "" : prefix,
                alphabet == null ? CodeFormat.DEFAULT_ALPHABET : alphabet, length);
        String problem = format.problem();
        if (problem != null) {
            (value.isPresent() ? value : code.get("length")).error("code: " + problem);
            return CodeFormat.DEFAULT;
        }
        return format;
    }

    private static String provider(YamlValue value) {
        String text = value.string();
        if (text == null) {
            return DiscountConfig.LOCAL;
        }
        if (!text.equals(DiscountConfig.LOCAL) && !text.equals(DiscountConfig.SHOPIFY)) {
            value.error("provider must be local or shopify (got " + Messages.quote(text) + ")");
            return DiscountConfig.LOCAL;
        }
        return text;
    }

    private static ShopifyStoreConfig shopify(YamlMap discount, String provider) {
        YamlValue value = discount.get("shopify");
        if (!provider.equals(DiscountConfig.SHOPIFY)) {
            if (value.isPresent()) {
                value.error("shopify: only with provider: shopify");
            }
            return null;
        }
        if (!value.isPresent()) {
            discount.get("provider").error("provider shopify needs a shopify: section (shop, discount_id,"
                    + " access_token)");
            return null;
        }
        YamlMap shopify = value.map("in shopify", SHOPIFY_KEYS);
        String shop = host(shopify.get("shop"), shopify.requiredString("shop"));
        String discountId = shopify.requiredString("discount_id");
        if (discountId != null && !discountId.startsWith("gid://shopify/")) {
            shopify.get("discount_id").error("discount_id must be a Shopify GID such as"
                    + " gid://shopify/DiscountCodeNode/123 (got " + Messages.quote(discountId) + ")");
        }
        String token = shopify.requiredString("access_token");
        String version = shopify.optionalString("api_version");
        String base = shopify.optionalString("api_base");
        if (base != null && !base.startsWith("https://") && !base.startsWith("http://127.0.0.1:")
                && !base.startsWith("http://localhost:")) {
            shopify.get("api_base").error("api_base must be https:// (plain http only to 127.0.0.1 or localhost)");
        }
        return new ShopifyStoreConfig(shop, discountId, token,
                version == null ? ShopifyStoreConfig.DEFAULT_API_VERSION : version,
                base == null ? (shop == null ? null : "https://" + shop) : base);
    }
}

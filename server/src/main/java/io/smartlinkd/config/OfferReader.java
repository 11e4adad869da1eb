package io.smartlinkd.config;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/** Reads one item of {@code offers:}; uniqueness is left to {@link RoutingChecks}. */
final class OfferReader {
    static final List<String> KEYS = List.of("id", "name", "url", "payout", "currency", "active", "accept_bots",
            "targeting", "caps", "time_zone");
    static final List<String> CAP_KEYS = List.of("clicks", "conversions", "payout");
    static final List<String> WINDOW_KEYS = List.of("hour", "day", "total");

    private OfferReader() {
    }

    static ConfigDraft.Offer read(YamlValue item) {
        YamlMap offer = item.map("in offer", KEYS);
        String id = Identifiers.checked(offer.get("id"), offer.requiredString("id"));
        String name = offer.optionalString("name");
        BigDecimal payout = Amounts.amount(offer.get("payout"));
        String currency = currency(offer.get("currency"));
        OfferCaps caps = caps(offer.get("caps"));
        if (!caps.payout().isNone() && !offer.has("currency")) {
            offer.get("caps").error("caps.payout needs the offer's currency");
        }
        OfferConfig config = new OfferConfig(
                id,
                name != null ? name : id,
                Urls.required(offer, "url"),
                offer.get("url").at(),
                payout,
                currency,
                offer.get("active").bool(true),
                offer.get("accept_bots").bool(true),
                ConditionReader.targeting(offer.get("targeting")).conditions(),
                caps,
                TimeZones.read(offer.get("time_zone")),
                offer.at());
        return new ConfigDraft.Offer(config, offer.get("id").at());
    }

    private static String currency(YamlValue value) {
        String text = value.string();
        if (text == null || text.isBlank()) {
            return null;
        }
        String code = text.trim().toUpperCase(Locale.ROOT);
        try {
            return Currency.getInstance(code).getCurrencyCode();
        } catch (IllegalArgumentException e) {
            value.error("currency: unknown currency " + Messages.quote(text) + " (ISO 4217, such as EUR or USD)");
            return null;
        }
    }

    private static OfferCaps caps(YamlValue value) {
        YamlMap caps = value.map("in caps", CAP_KEYS);
        return new OfferCaps(
                limits(caps.get("clicks"), false),
                limits(caps.get("conversions"), false),
                limits(caps.get("payout"), true));
    }

    private static CapLimits limits(YamlValue value, boolean payout) {
        YamlMap windows = value.map("in caps." + value.name(), WINDOW_KEYS);
        if (value.isPresent() && windows.keys().isEmpty()) {
            value.error("caps." + value.name() + ": name at least one of hour, day, total");
        }
        return new CapLimits(
                limit(windows.get("hour").renamed("caps." + value.name() + ".hour"), payout),
                limit(windows.get("day").renamed("caps." + value.name() + ".day"), payout),
                limit(windows.get("total").renamed("caps." + value.name() + ".total"), payout));
    }

    private static long limit(YamlValue value, boolean payout) {
        return payout ? Amounts.payout(value) : Amounts.count(value, OfferCaps.MAX_CAP);
    }
}

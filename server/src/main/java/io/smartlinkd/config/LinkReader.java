package io.smartlinkd.config;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/** Reads one item of {@code links:}; checks that need other sections are left to {@link CrossChecks}. */
final class LinkReader {
    static final List<String> KEYS = List.of("slug", "id", "domain", "name", "description", "destination", "utm",
            "access", "partners", "partner_groups", "redirect", "active", "fallback", "reject", "time_zone", "rules", "on_lost", "discount");
    private static final List<Integer> REDIRECT_STATUSES = List.of(301, 302, 307, 308);
    private static final int DEFAULT_REDIRECT_STATUS = 302;

    private LinkReader() {
    }

    static ConfigDraft.Link read(YamlValue item) {
        YamlMap link = item.map("in link", KEYS);
        String slug = Identifiers.checked(link.get("slug"), link.requiredString("slug"));
        boolean idDefaulted = !link.get("id").isPresent();
        String id = idDefaulted ? slug : Identifiers.checked(link.get("id"), link.optionalString("id"));
        String name = link.optionalString("name");
        YamlValue destination = link.get("destination");
        Access access = access(link.get("access"));
        List<Located<String>> partners = accessList(link, "partners", access);
        List<Located<String>> partnerGroups = accessList(link, "partner_groups", access);
        boolean listsWellFormed = link.get("partners").isListOrAbsent() && link.get("partner_groups").isListOrAbsent();
        if (access == Access.PRIVATE && partners.isEmpty() && partnerGroups.isEmpty() && listsWellFormed) {
            link.get("access").error("private link needs partners or partner_groups");
        }
        RuleReader.Read routing = RuleReader.read(link);
        int redirect = redirectStatus(link.get("redirect"));
        if (routing.routing().hasRules() && (redirect == 301 || redirect == 308)) {
            // Browsers cache permanent redirects and would never ask again, so the rules would stop applying.
            link.get("redirect").error("redirect " + redirect + " is permanent and browsers cache it; a link with"
                    + " rules needs 302 or 307");
        }
        boolean coded = link.has("discount") || routing.routing().rules().stream().anyMatch(r -> r.discount() != null);
        if (coded && !routing.routing().hasRules() && (redirect == 301 || redirect == 308)) {
            // A cached permanent redirect would hand every later click the first click's code.
            link.get("redirect").error("redirect " + redirect + " is permanent and browsers cache it; a link with a"
                    + " discount needs 302 or 307");
        }
        LinkConfig config = new LinkConfig(
                id,
                slug,
                link.optionalString("domain"),
                name != null ? name : slug,
                link.optionalString("description"),
                link.has("discount") ? Urls.optional(link, "destination") : Urls.required(link, "destination"),
                destination.at(),
                UtmKeys.read(link.get("utm")),
                access,
                values(partners),
                values(partnerGroups),
                redirect,
                link.get("active").bool(true),
                Urls.optional(link, "fallback"),
                rejection(link.get("reject")),
                routing.routing(),
                discount(link.get("discount")),
                link.at());
        return new ConfigDraft.Link(config, link.get("slug").at(), link.get(idDefaulted ? "slug" : "id").at(),
                idDefaulted, link.get("domain").at(), partners, partnerGroups, routing.refs());
    }

    /** A discount id, or {@code TBD} (any case) for "code not set yet". */
    static String discount(YamlValue value) {
        String text = value.string();
        if (text == null) {
            return null;
        }
        if (text.equalsIgnoreCase(DiscountConfig.PENDING)) {
            return DiscountConfig.PENDING;
        }
        return Identifiers.checked(value, text);
    }

    private static Access access(YamlValue value) {
        String text = value.string();
        if (text == null || text.equals("public")) {
            return Access.PUBLIC;
        }
        if (text.equals("private")) {
            return Access.PRIVATE;
        }
        value.error("access must be public or private (got " + Messages.quote(text) + ")");
        return Access.PUBLIC;
    }

    /** {@code partners} or {@code partner_groups}: ids checked for form here, for existence in CrossChecks. */
    private static List<Located<String>> accessList(YamlMap link, String key, Access access) {
        YamlValue value = link.get(key);
        if (link.has(key) && access == Access.PUBLIC) {
            value.error(key + ": only for access: private");
            return List.of();
        }
        List<Located<String>> ids = new ArrayList<>();
        for (Located<String> id : value.strings()) {
            String problem = Identifiers.problem(key, id.value());
            if (problem != null) {
                value.file().error(id.at(), problem);
            } else {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }

    private static int redirectStatus(YamlValue value) {
        BigInteger status = value.integer();
        if (status == null) {
            return DEFAULT_REDIRECT_STATUS;
        }
        if (status.bitLength() > 31 || !REDIRECT_STATUSES.contains(status.intValue())) {
            value.error("redirect must be one of 301, 302, 307, 308 (got " + status + ")");
            return DEFAULT_REDIRECT_STATUS;
        }
        return status.intValue();
    }

    private static Rejection rejection(YamlValue value) {
        String text = value.string();
        if (text == null) {
            return Rejection.DEFAULT;
        }
        switch (text) {
            case "destination":
                return Rejection.DEFAULT;
            case "not_found":
                return new Rejection(Rejection.Kind.NOT_FOUND, null);
            case "forbidden":
                return new Rejection(Rejection.Kind.FORBIDDEN, null);
            default:
                break;
        }
        if (text.indexOf(':') < 0) {
            value.error("reject must be destination, not_found, forbidden or an http(s) URL (got "
                    + Messages.quote(text) + ")");
            return Rejection.DEFAULT;
        }
        String url = Urls.checked(value, text);
        return url == null ? Rejection.DEFAULT : new Rejection(Rejection.Kind.URL, url);
    }

    private static List<String> values(List<Located<String>> located) {
        List<String> values = new ArrayList<>(located.size());
        for (Located<String> item : located) {
            values.add(item.value());
        }
        return List.copyOf(values);
    }
}

package io.smartlinkd.server;

import io.smartlinkd.agent.Families;
import io.smartlinkd.agent.UserAgentClassifier;
import io.smartlinkd.geo.GeoDescription;
import io.smartlinkd.geo.GeoService;
import io.smartlinkd.link.ByteRecord;
import io.smartlinkd.link.Domain;
import io.smartlinkd.link.LinkRecordFormat;
import io.smartlinkd.link.LinkSet;
import io.smartlinkd.link.LinkTable;
import io.smartlinkd.link.LinkView;
import io.smartlinkd.link.Partner;
import io.smartlinkd.link.TemplateText;
import io.smartlinkd.routing.RouteTrace;
import io.smartlinkd.routing.SimpleClickFacts;
import io.smartlinkd.text.Json;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Instant;

/**
 * Answers "where would this request go, and why?" for the admin {@code /explain} endpoint and the offline
 * {@code smartlinkd explain} command: the same lookups and decisions as a click (domain, link, activation, partner
 * access, visitor classification, rules, pool, caps), with every step written out as JSON. Records nothing and
 * consumes no cap. Allocates freely and may parse a user agent in full: never on a click loop.
 */
public final class Explainer {
    private final GeoService geo;
    private final UserAgentClassifier userAgents;

    public Explainer(GeoService geo, UserAgentClassifier userAgents) {
        this.geo = geo;
        this.userAgents = userAgents;
    }

    /** A request to explain; null fields are absent from the request. */
    public record Request(String url, String ip, String userAgent, String acceptLanguage, String referrer, Long atMs,
                          int visits) {
    }

    /** The explanation as one JSON object; a malformed URL or IP is reported in it as {@code "error"}. */
    public String explain(LinkSet links, Request request) {
        StringBuilder out = new StringBuilder(1024).append('{');
        field(out, "url", request.url());
        URI uri;
        try {
            uri = URI.create(request.url());
        } catch (IllegalArgumentException e) {
            return error(out, "url is not a URL: " + e.getMessage());
        }
        if (uri.getHost() == null || uri.getRawPath() == null) {
            return error(out, "url needs a host and a path, such as https://go.example.com/summer");
        }
        long at = request.atMs() != null ? request.atMs() : System.currentTimeMillis();
        field(out, "at", Instant.ofEpochMilli(at).toString());

        SimpleClickFacts facts = new SimpleClickFacts().epochMs(at).visits(Math.max(1, request.visits()))
                .acceptLanguage(request.acceptLanguage()).referrer(request.referrer());
        String visitorProblem = visitor(out, request, facts);
        if (visitorProblem != null) {
            return error(out, visitorProblem);
        }

        Domain domain = links.domains().match(uri.getHost());
        if (domain == null) {
            return outcome(out, "not_found", "no configured domain answers host " + uri.getHost());
        }
        field(out, "domain", domain.host());
        String[] segments = uri.getRawPath().substring(1).split("/", -1);
        if (segments.length > 2 || segments[0].isEmpty()) {
            return outcome(out, "not_found", "a click path is /{slug} or /{slug}/{partner}");
        }
        field(out, "slug", segments[0]);
        byte[] key = LinkTable.key(domain.number(), segments[0]);
        ByteRecord found = links.links().lookup(ByteRecord.copyOf(key), new ByteRecord(256));
        if (found == null) {
            return outcome(out, "not_found", "no link " + segments[0] + " on " + domain.host());
        }
        LinkView link = new LinkView().wrap(found.bytes().clone());
        field(out, "link", link.linkId());
        if (!link.active()) {
            return outcome(out, link.fallbackLength() > 0 ? "fallback" : "inactive", "the link is not active");
        }
        Partner partner = null;
        if (segments.length == 2 && !segments[1].isEmpty()) {
            partner = links.partners().find(segments[1], 0, segments[1].length());
            field(out, "partner", segments[1]);
            if (partner == null) {
                return outcome(out, "rejected", "unknown partner " + segments[1]);
            }
            if (link.isPrivate() && !link.admits(partner.number(), partner.groupNumber())) {
                return outcome(out, "rejected", "partner " + segments[1] + " has no access to this private link");
            }
            facts.partner(partner.number(), partner.groupNumber());
        } else if (link.isPrivate()) {
            return outcome(out, "rejected", "a private link needs a partner with access");
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        facts.uri(uri.getRawPath() + query);
        if (link.ruleSet() == 0) {
            field(out, "destination", destinationOf(link, partner != null));
            discount(out, discountId(links, link.discount()), facts);
            return outcome(out, "redirected", "the link has no rules: its destination");
        }
        RouteTrace trace = links.router().explain(link.ruleSet(), facts);
        out.append("\"route\":").append(trace.toJson()).append(',');
        if (trace.url() == null && trace.lostStatus() == 0) {
            field(out, "destination", destinationOf(link, partner != null));
            discount(out, discountId(links, link.discount()), facts);
        } else if (trace.kind() == io.smartlinkd.routing.RouteKind.DESTINATION) {
            discount(out, discountId(links, trace.discountNumber()), facts);
        }
        String kind = trace.kind().name().toLowerCase(java.util.Locale.ROOT);
        return outcome(out, "lost".equals(kind) ? "lost" : "redirected", "routed: " + kind);
    }

    /** Classifies the visitor into {@code facts} and writes it out; returns a problem with the input, or null. */
    private String visitor(StringBuilder out, Request request, SimpleClickFacts facts) {
        out.append("\"visitor\":{");
        if (request.ip() != null && !request.ip().isEmpty()) {
            InetAddress address;
            try {
                address = literalAddress(request.ip());
            } catch (UnknownHostException e) {
                out.append("},");
                return "ip is not an IP address: " + request.ip();
            }
            field(out, "ip", request.ip());
            GeoDescription place = describe(address);
            if (place != null) {
                out.append("\"public\":").append(place.publicAddress()).append(',');
                field(out, "country", place.country());
                field(out, "city", place.city());
                field(out, "network", place.network());
                facts.country(place.country());
            }
        }
        long agent = userAgents.classifyFully(request.userAgent());
        boolean bot = UserAgentClassifier.bot(agent);
        facts.device(UserAgentClassifier.device(agent)).os(UserAgentClassifier.os(agent))
                .browser(UserAgentClassifier.browser(agent)).bot(bot);
        field(out, "user_agent", request.userAgent());
        field(out, "device", Families.deviceName(UserAgentClassifier.device(agent)));
        field(out, "os", Families.osName(UserAgentClassifier.os(agent)));
        field(out, "browser", Families.browserName(UserAgentClassifier.browser(agent)));
        out.append("\"bot\":").append(bot).append(',');
        out.append("\"visits\":").append(Math.max(1, request.visits())).append(',');
        field(out, "language", request.acceptLanguage());
        out.setLength(out.length() - 1);
        out.append("},");
        return null;
    }

    private GeoDescription describe(InetAddress address) {
        if (geo == null) {
            return null;
        }
        try {
            return geo.describe(address);
        } catch (IOException e) {
            return null;
        }
    }

    /** Only literal addresses: an admin's typo must not turn into a DNS lookup. */
    private static InetAddress literalAddress(String text) throws UnknownHostException {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean literal = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F') || c == '.'
                    || c == ':';
            if (!literal) {
                throw new UnknownHostException(text);
            }
        }
        return InetAddress.getByName(text);
    }

    /** The link's destination as compiled (its UTM parameters added), from its record. */
    private static String destinationOf(LinkView link, boolean throughPartner) {
        return TemplateText.of(link.bytes(), link.destinationOffset(), link.destinationLength(), throughPartner);
    }

    /** The id of a discount number from a record or a rule; null for 0 (none). */
    private static String discountId(LinkSet links, int number) {
        if (number == 0) {
            return null;
        }
        return number == LinkRecordFormat.DISCOUNT_PENDING ? io.smartlinkd.config.DiscountConfig.PENDING
                : links.discounts().get(number).id();
    }

    /** The discount the click would carry, and whether it would get a code (a person does; bots never). */
    private static void discount(StringBuilder out, String discount, SimpleClickFacts facts) {
        if (discount == null) {
            return;
        }
        field(out, "discount", discount);
        String code = discount.equals(io.smartlinkd.config.DiscountConfig.PENDING) ? "none: the code is not set yet"
                : facts.bot() ? "none: bots and prefetches never get a code"
                : "a fresh single-use code, or the one this visitor already holds";
        field(out, "code", code);
    }

    private static String outcome(StringBuilder out, String outcome, String why) {
        field(out, "outcome", outcome);
        field(out, "why", why);
        out.setLength(out.length() - 1);
        return out.append('}').toString();
    }

    private static String error(StringBuilder out, String message) {
        field(out, "error", message);
        out.setLength(out.length() - 1);
        return out.append('}').toString();
    }

    private static void field(StringBuilder out, String name, String value) {
        out.append('"').append(name).append("\":").append(value == null ? "null" : Json.quote(value)).append(',');
    }
}

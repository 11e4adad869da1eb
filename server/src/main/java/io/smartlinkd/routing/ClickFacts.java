package io.smartlinkd.routing;

/**
 * What the router may know about a click. The click handler implements it over its per-event-loop request state;
 * methods are called only for the conditions a link's rules and offers actually use, so an implementation may
 * compute values lazily. Implementations used on an event loop must not allocate.
 */
public interface ClickFacts {
    /** ISO 3166-1 alpha-2 code packed as {@code (c0 << 8) | c1} (ASCII, upper case); 0 = unknown. See {@link CountryCodes}. */
    int country();

    /** Device type code from {@link io.smartlinkd.agent.Families}; 0 = unknown. */
    int device();

    /** OS family code from {@link io.smartlinkd.agent.Families}; 0 = unknown. */
    int os();

    /** Browser family code from {@link io.smartlinkd.agent.Families}; 0 = unknown. */
    int browser();

    /** Primary tag of the preferred language, packed by {@link Languages}; 0 = none. */
    int language();

    /** The visitor's visits to this link including this one (1 = first visit). */
    int visits();

    /** The admitted partner's number in the current generation's partner table; 0 = no partner. */
    int partner();

    /** The admitted partner's group number in the current generation; 0 = none. */
    int partnerGroup();

    /** The click's time (the request's one clock read), Unix epoch milliseconds. */
    long epochMs();

    /** Bot or prefetch: routed like any click, but never consumes a cap. */
    boolean bot();

    /** The request target as received; the query is {@code uri[queryStart, queryEnd)} without the '?'. */
    CharSequence uri();

    int queryStart();

    int queryEnd();

    /** The {@code Referer} header, or null. */
    CharSequence referrer();
}

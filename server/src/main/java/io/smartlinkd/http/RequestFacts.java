package io.smartlinkd.http;

import io.smartlinkd.link.Partner;
import io.smartlinkd.routing.ClickFacts;
import io.smartlinkd.routing.Languages;

/**
 * The routing facts of the click being answered, over the request's own strings (no copies). Country, device, OS
 * and browser stay 0 (unknown) and visits 1 until visitor classification sets them; the preferred language is
 * parsed from {@code Accept-Language} only if a rule asks for it. Re-pointed per request; confined to its event
 * loop.
 */
final class RequestFacts implements ClickFacts {
    private static final int NOT_PARSED = -1;

    private CharSequence uri;
    private int queryStart;
    private int queryEnd;
    private CharSequence referrer;
    private CharSequence acceptLanguage;
    private int language;
    private Partner partner;
    private long epochMs;
    private boolean bot;
    private int country;
    private int device;
    private int os;
    private int browser;
    private int visits;

    /** Starts a request: everything the visitor classification does not know yet is unknown. */
    void set(CharSequence uri, int queryStart, int queryEnd, Partner partner, long epochMs, boolean bot,
             CharSequence referrer, CharSequence acceptLanguage) {
        this.uri = uri;
        this.queryStart = queryStart;
        this.queryEnd = queryEnd;
        this.partner = partner;
        this.epochMs = epochMs;
        this.bot = bot;
        this.referrer = referrer;
        this.acceptLanguage = acceptLanguage;
        this.language = NOT_PARSED;
        this.country = 0;
        this.device = 0;
        this.os = 0;
        this.browser = 0;
        this.visits = 1;
    }

    /** Visitor classification: country packed as in {@link io.smartlinkd.routing.CountryCodes}, Families codes. */
    void visitor(int country, int device, int os, int browser, int visits, boolean bot) {
        this.country = country;
        this.device = device;
        this.os = os;
        this.browser = browser;
        this.visits = visits;
        this.bot |= bot;
    }

    @Override
    public int country() {
        return country;
    }

    @Override
    public int device() {
        return device;
    }

    @Override
    public int os() {
        return os;
    }

    @Override
    public int browser() {
        return browser;
    }

    @Override
    public int language() {
        if (language == NOT_PARSED) {
            language = Languages.primary(acceptLanguage);
        }
        return language;
    }

    @Override
    public int visits() {
        return visits;
    }

    @Override
    public int partner() {
        return partner == null ? 0 : partner.number();
    }

    @Override
    public int partnerGroup() {
        return partner == null ? 0 : partner.groupNumber();
    }

    @Override
    public long epochMs() {
        return epochMs;
    }

    @Override
    public boolean bot() {
        return bot;
    }

    @Override
    public CharSequence uri() {
        return uri;
    }

    @Override
    public int queryStart() {
        return queryStart;
    }

    @Override
    public int queryEnd() {
        return queryEnd;
    }

    @Override
    public CharSequence referrer() {
        return referrer;
    }
}

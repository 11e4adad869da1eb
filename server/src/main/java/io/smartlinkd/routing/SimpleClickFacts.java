package io.smartlinkd.routing;

/**
 * Click facts set field by field: for the admin's "where would this request go" questions, tests and benchmarks.
 * Mutable, not thread-safe; setters return this. Defaults: nothing known, first visit, no query, no referrer.
 */
public final class SimpleClickFacts implements ClickFacts {
    private int country;
    private int device;
    private int os;
    private int browser;
    private int language;
    private int visits = 1;
    private int partner;
    private int partnerGroup;
    private long epochMs;
    private boolean bot;
    private CharSequence uri = "/";
    private int queryStart = 1;
    private int queryEnd = 1;
    private CharSequence referrer;

    /** @param code such as {@code DE}; null or invalid = unknown */
    public SimpleClickFacts country(String code) {
        country = CountryCodes.pack(code);
        return this;
    }

    public SimpleClickFacts device(int code) {
        device = code;
        return this;
    }

    public SimpleClickFacts os(int code) {
        os = code;
        return this;
    }

    public SimpleClickFacts browser(int code) {
        browser = code;
        return this;
    }

    /** @param acceptLanguage an {@code Accept-Language} header value */
    public SimpleClickFacts acceptLanguage(String acceptLanguage) {
        language = Languages.primary(acceptLanguage);
        return this;
    }

    public SimpleClickFacts visits(int count) {
        visits = count;
        return this;
    }

    public SimpleClickFacts partner(int number, int groupNumber) {
        partner = number;
        partnerGroup = groupNumber;
        return this;
    }

    public SimpleClickFacts epochMs(long ms) {
        epochMs = ms;
        return this;
    }

    public SimpleClickFacts bot(boolean isBot) {
        bot = isBot;
        return this;
    }

    /** @param target the request target, such as {@code /summer?src=newsletter} */
    public SimpleClickFacts uri(String target) {
        uri = target;
        int question = target.indexOf('?');
        int hash = target.indexOf('#');
        int end = hash < 0 ? target.length() : hash;
        queryStart = question < 0 || question > end ? end : question + 1;
        queryEnd = end;
        return this;
    }

    public SimpleClickFacts referrer(String header) {
        referrer = header;
        return this;
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
        return language;
    }

    @Override
    public int visits() {
        return visits;
    }

    @Override
    public int partner() {
        return partner;
    }

    @Override
    public int partnerGroup() {
        return partnerGroup;
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

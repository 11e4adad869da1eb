package io.smartlinkd.routing;

/** The conditions of a rule or an offer's targeting, as explain and skip details name them. */
public enum Dimension {
    COUNTRY("country"),
    NOT_COUNTRY("not_country"),
    DEVICE("device"),
    OS("os"),
    BROWSER("browser"),
    LANGUAGE("language"),
    VISITS("visits"),
    PARTNER("partner"),
    PARTNER_GROUP("partner_group"),
    HOURS("hours"),
    WEEKDAYS("weekdays"),
    QUERY("query"),
    REFERRER("referrer");

    private static final Dimension[] VALUES = values();
    private final String key;

    Dimension(String key) {
        this.key = key;
    }

    /** The YAML key of the condition. */
    public String key() {
        return key;
    }

    static Dimension byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }
}

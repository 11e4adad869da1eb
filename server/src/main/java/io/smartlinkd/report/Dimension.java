package io.smartlinkd.report;

/** What a report groups clicks by, and the SQL expression over {@code clicks} that gives the group key. */
public enum Dimension {
    LINK("link_id"),
    PARTNER("partner"),
    COUNTRY("country"),
    DEVICE("device"),
    OS("CAST(os AS VARCHAR)"),
    UTM_SOURCE("utm_source"),
    DAY("CAST(CAST(time AS DATE) AS VARCHAR)");

    private final String expression;

    Dimension(String expression) {
        this.expression = expression;
    }

    String expression() {
        return expression;
    }
}

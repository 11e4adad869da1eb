package io.smartlinkd.link;

/**
 * Named values a destination template may contain as {@code {name}}. Any other well-formed name is a query
 * parameter of the click request ({@code {sub1}}, {@code {utm_source}}, {@code {gclid}}, ...).
 */
public enum Macro {
    CLICK_ID("click_id"),
    LINK("link"),
    SLUG("slug"),
    PARTNER("partner"),
    PARTNER_GROUP("partner_group"),
    DOMAIN("domain"),
    /** The id of the offer routing chose; empty when the click goes to no offer. */
    OFFER("offer"),
    /** The visitor's country, ISO 3166 alpha-2; empty when unknown. */
    COUNTRY("country"),
    /** desktop, mobile, tablet or other; empty when unknown. */
    DEVICE("device"),
    /** OS family (uap-java's name, e.g. Android, iOS, Windows); empty when unknown. */
    OS("os"),
    /** Browser family (uap-java's name, e.g. Chrome Mobile); empty when unknown. */
    BROWSER("browser"),
    /** The click's discount code; only in a discount's location. */
    CODE("code"),
    /** The click's destination path and query, percent-encoded as one value; only in a discount's location. */
    LANDING("landing");

    private static final Macro[] VALUES = values();
    private final String text;

    Macro(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static Macro byOrdinal(int ordinal) {
        return VALUES[ordinal];
    }

    /** The macro with this name, or null if the name means a query parameter. */
    public static Macro named(String name) {
        for (Macro macro : VALUES) {
            if (macro.text.equals(name)) {
                return macro;
            }
        }
        return null;
    }

    /**
     * Names kept for visitor classification, routing and discount codes, so a template written today cannot
     * silently mean a query parameter tomorrow.
     */
    public static boolean isReserved(String name) {
        switch (name) {
            case "rule":
            case "city":
            case "language":
            case "visitor_id":
                return true;
            default:
                return false;
        }
    }
}

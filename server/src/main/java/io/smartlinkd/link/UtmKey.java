package io.smartlinkd.link;

/** UTM parameters a link or partner may add, as {@code utm_<key>}; the ordinal is the bit in a "present" mask. */
public enum UtmKey {
    SOURCE("source"),
    MEDIUM("medium"),
    CAMPAIGN("campaign"),
    TERM("term"),
    CONTENT("content"),
    ID("id"),
    SOURCE_PLATFORM("source_platform"),
    CREATIVE_FORMAT("creative_format"),
    MARKETING_TACTIC("marketing_tactic");

    private static final UtmKey[] VALUES = values();
    private final String key;
    private final String parameter;

    UtmKey(String key) {
        this.key = key;
        this.parameter = "utm_" + key;
    }

    public String key() {
        return key;
    }

    public String parameter() {
        return parameter;
    }

    public int bit() {
        return 1 << ordinal();
    }

    public static UtmKey byKey(String key) {
        for (UtmKey utm : VALUES) {
            if (utm.key.equals(key)) {
                return utm;
            }
        }
        return null;
    }

    public static UtmKey byParameter(CharSequence name) {
        for (UtmKey utm : VALUES) {
            if (utm.parameter.contentEquals(name)) {
                return utm;
            }
        }
        return null;
    }

    public static UtmKey[] all() {
        return VALUES.clone();
    }
}

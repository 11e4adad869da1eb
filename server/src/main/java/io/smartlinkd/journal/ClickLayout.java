package io.smartlinkd.journal;

/**
 * Payload of a {@link JournalFormat#TYPE_CLICK} record, layout version 1 (little-endian):
 * <pre>
 *   0   8  time, epoch ms
 *   8  36  click id (ASCII, base64url; 36 zero bytes when the request got no click id)
 *  44   4  link number (0 = no link)
 *  48   2  offer number (0 = none)
 *  50   2  rule number (0 = none)
 *  52   1  outcome: see {@link Outcome}
 *  53   1  flags: bit 0 bot, bit 1 unique, bit 2 prefetch
 *  54   2  HTTP status sent
 *  56   2  country, ISO 3166 alpha-2 ASCII ("--" unknown)
 *  58   1  device: 0 unknown, 1 desktop, 2 mobile, 3 tablet, 4 other
 *  59   1  OS code (0 unknown)
 *  60   1  browser code (0 unknown)
 *  61   1  IP form: 0 none, 1 truncated IPv4 (/24), 2 truncated IPv6 (/48), 3 keyed hash
 *  62  16  IP bytes in that form (zero padded)
 *  78      then 12 short strings, each u8 length + UTF-8 bytes, in this order:
 *          domain, link id, slug, partner, discount code, utm_source, sub1, sub2, sub3, sub4, sub5, decision
 * </pre>
 * The decision is the routing's compact trace: the offers it passed over, each as its number and a reason letter
 * ({@code i} inactive, {@code t} targeting, {@code c} cap, {@code b} bot), comma-separated, then {@code +N} when more
 * skips than fit were dropped and {@code ;f} when the fallback offer was used; empty when nothing was skipped.
 * Records written before the decision existed end after sub5: readers treat a missing trailing string as empty.
 * <pre>
 * </pre>
 */
public final class ClickLayout {
    public static final int TIME = 0;
    public static final int CLICK_ID = 8;
    public static final int CLICK_ID_BYTES = 36;
    public static final int LINK_NUMBER = 44;
    public static final int OFFER_NUMBER = 48;
    public static final int RULE_NUMBER = 50;
    public static final int OUTCOME = 52;
    public static final int FLAGS = 53;
    public static final int HTTP_STATUS = 54;
    public static final int COUNTRY = 56;
    public static final int DEVICE = 58;
    public static final int OS = 59;
    public static final int BROWSER = 60;
    public static final int IP_FORM = 61;
    public static final int IP = 62;
    public static final int IP_BYTES = 16;
    public static final int STRINGS = 78;
    public static final int STRING_COUNT = 12;
    /** Strings every click record has; later ones may be missing from records of older servers. */
    public static final int REQUIRED_STRING_COUNT = 11;
    public static final int MAX_STRING_BYTES = 255;

    public static final int FLAG_BOT = 1;
    public static final int FLAG_UNIQUE = 2;
    public static final int FLAG_PREFETCH = 4;

    /** Index of each short string after {@link #STRINGS}. */
    public static final int DOMAIN = 0;
    public static final int LINK_ID = 1;
    public static final int SLUG = 2;
    public static final int PARTNER = 3;
    public static final int DISCOUNT_CODE = 4;
    public static final int UTM_SOURCE = 5;
    public static final int SUB1 = 6;
    public static final int DECISION = 11;

    /** Outcome codes as stored. */
    public enum Outcome {
        REDIRECTED, FALLBACK, INACTIVE, NOT_FOUND, REJECTED, LOST;

        private static final Outcome[] VALUES = values();

        public static Outcome of(int code) {
            return code >= 0 && code < VALUES.length ? VALUES[code] : null;
        }

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    private ClickLayout() {
    }
}

package io.smartlinkd.link;

/**
 * Layout of a compiled link as stored in the link table (big-endian):
 *
 * <pre>
 *   0  u8   format version (3)
 *   1  u8   flags: ACTIVE, PRIVATE
 *   2  u16  redirect status (301, 302, 307, 308)
 *   4  u8   rejection kind (ordinal of Rejection.Kind)
 *   5  u8   reserved
 *   6  i32  link number (stable, from the published-slug registry; goes into click ids)
 *  10  i32  rule set: index into the generation's routing table, 0 = the link has no rules
 *  14  u16  discount: number in the generation's discount table, 0 = none, {@link #DISCOUNT_PENDING} = TBD
 *  16  u16  n, then n bytes: link id (ASCII)
 *      u16  n, then n bytes: destination program
 *      u16  n, then n bytes: fallback program (0 = none)
 *      u16  n, then n bytes: rejection URL program (0 = none)
 *      u16  n, then n i32:   partner numbers allowed on a private link, ascending
 *      u16  n, then n u16:   partner group numbers allowed on a private link, ascending
 * </pre>
 */
public final class LinkRecordFormat {
    public static final int VERSION = 3;
    public static final int FLAG_ACTIVE = 1;
    public static final int FLAG_PRIVATE = 2;
    public static final int RULE_SET = 10;
    public static final int DISCOUNT = 14;
    /** A link whose discount is {@code TBD}: it redirects without a code, and the click says so. */
    public static final int DISCOUNT_PENDING = 0xFFFF;
    public static final int HEADER_BYTES = 16;

    private LinkRecordFormat() {
    }
}

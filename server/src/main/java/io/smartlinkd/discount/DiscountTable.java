package io.smartlinkd.discount;

import io.smartlinkd.config.Config;
import io.smartlinkd.config.DiscountConfig;
import io.smartlinkd.link.LinkRecordFormat;
import java.util.List;

/**
 * One generation's discounts by number: 1-based in the order of the config, as link records and rules carry them.
 */
public final class DiscountTable {
    public static final DiscountTable EMPTY = new DiscountTable(List.of());

    private final Discount[] byNumber;

    public DiscountTable(List<Discount> discounts) {
        byNumber = new Discount[discounts.size() + 1];
        for (Discount discount : discounts) {
            byNumber[discount.number()] = discount;
        }
    }

    /** The discount with this number, or null (0, TBD, or out of range). */
    public Discount get(int number) {
        return number > 0 && number < byNumber.length ? byNumber[number] : null;
    }

    public List<Discount> all() {
        return java.util.Arrays.asList(byNumber).subList(1, byNumber.length);
    }

    /** The number a link record or rule carries for this discount reference (id, TBD or null). */
    public static int numberOf(Config config, String discountId) {
        if (discountId == null) {
            return 0;
        }
        if (discountId.equals(DiscountConfig.PENDING)) {
            return LinkRecordFormat.DISCOUNT_PENDING;
        }
        List<DiscountConfig> discounts = config.discounts();
        for (int i = 0; i < discounts.size(); i++) {
            if (discounts.get(i).id().equals(discountId)) {
                return i + 1;
            }
        }
        return 0;
    }
}

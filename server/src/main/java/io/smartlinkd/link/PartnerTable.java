package io.smartlinkd.link;

import io.smartlinkd.routing.PartnerNumbers;
import java.util.ArrayList;
import java.util.List;

/**
 * The partners of one config snapshot, found by the path segment of {@code /{slug}/{partner}}. Read-only. Its
 * numbers are the ones routing rules compile against.
 */
public final class PartnerTable implements PartnerNumbers {
    private final Partner[] byNumber;
    private final AsciiIndex index;
    private final List<String> groups;

    /** @param partners in number order, numbers 1..n */
    public PartnerTable(List<Partner> partners, List<String> groups) {
        byNumber = new Partner[partners.size() + 1];
        List<String> ids = new ArrayList<>(partners.size());
        int[] numbers = new int[partners.size()];
        for (int i = 0; i < partners.size(); i++) {
            Partner partner = partners.get(i);
            byNumber[partner.number()] = partner;
            ids.add(partner.id());
            numbers[i] = partner.number();
        }
        index = new AsciiIndex(ids, numbers, false);
        this.groups = List.copyOf(groups);
    }

    /** The partner named by {@code text[start, end)}, or null. */
    public Partner find(CharSequence text, int start, int end) {
        int number = index.get(text, start, end);
        return number == AsciiIndex.MISSING ? null : byNumber[number];
    }

    public Partner byNumber(int number) {
        return byNumber[number];
    }

    public int size() {
        return byNumber.length - 1;
    }

    /** Group number (1-based) for a group name, or 0. */
    @Override
    public int groupNumber(String group) {
        int at = groups.indexOf(group);
        return at < 0 ? 0 : at + 1;
    }

    @Override
    public int partnerNumber(String id) {
        Partner partner = find(id, 0, id.length());
        return partner == null ? 0 : partner.number();
    }

    @Override
    public String partnerId(int number) {
        return number > 0 && number < byNumber.length ? byNumber[number].id() : null;
    }

    @Override
    public String groupName(int number) {
        return number > 0 && number <= groups.size() ? groups.get(number - 1) : null;
    }
}

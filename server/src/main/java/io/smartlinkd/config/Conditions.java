package io.smartlinkd.config;

import java.util.List;

/**
 * What a routing rule ({@code when:}) or an offer's {@code targeting:} asks of a click. Every list is "any of";
 * an empty list, a null range and a zero mask mean "no condition". All given conditions must hold. Names are in
 * canonical form: country codes upper case, device names lower case, OS and browser names as
 * {@link io.smartlinkd.agent.Families} spells them, languages lower case.
 *
 * @param visits        visit count range, null = any
 * @param hourMask      bit h set = hour h (0..23) of the link's time zone; 0 = any hour
 * @param weekdayMask   bit 0 = Monday .. bit 6 = Sunday in the link's time zone; 0 = any day
 * @param referrers     referrer hosts, matching the host itself and its subdomains
 */
public record Conditions(
        List<String> countries,
        List<String> notCountries,
        List<String> devices,
        List<String> os,
        List<String> browsers,
        List<String> languages,
        VisitRange visits,
        List<String> partners,
        List<String> partnerGroups,
        int hourMask,
        int weekdayMask,
        List<QueryCondition> query,
        List<String> referrers) {

    public static final Conditions NONE = new Conditions(List.of(), List.of(), List.of(), List.of(), List.of(),
            List.of(), null, List.of(), List.of(), 0, 0, List.of(), List.of());

    public boolean isEmpty() {
        return equals(NONE);
    }

    /** Visit counts from {@code min} to {@code max}, both included. */
    public record VisitRange(int min, int max) {
    }

    /**
     * A query parameter of the click request.
     *
     * @param values for {@link Mode#EQUALS}: any of these (exact, after percent-decoding); empty otherwise
     */
    public record QueryCondition(String name, Mode mode, List<String> values) {
        public enum Mode {
            /** The parameter is there, with any value. */
            PRESENT,
            /** The parameter is not there. */
            ABSENT,
            /** The parameter's value is one of the listed ones. */
            EQUALS
        }
    }
}

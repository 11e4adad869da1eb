package io.smartlinkd.routing;

import io.smartlinkd.agent.Families;
import io.smartlinkd.config.Conditions;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * Compiled {@link Conditions}: country sets as 26x26 bitsets, device/OS/browser codes as bitsets, languages packed,
 * hours and weekdays as masks, query and referrer conditions as byte matchers. Only the conditions that were
 * written are checked, cheapest first. Immutable; {@link #matches} is allocation-free.
 */
final class Match {
    static final Match ANY = new Match(Conditions.NONE, name -> 0, name -> 0);

    private static final String[] WEEKDAYS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};

    private final Conditions source;
    private final int[] checks;
    private final CodeSet countries;
    private final CodeSet notCountries;
    private final CodeSet devices;
    private final CodeSet os;
    private final CodeSet browsers;
    private final int[] languages;
    private final int minVisits;
    private final int maxVisits;
    private final int[] partners;
    private final int[] groups;
    private final int hourMask;
    private final int weekdayMask;
    private final QueryTest[] query;
    private final ReferrerTest referrer;

    /**
     * @param partnerNumber partner id to its number in this generation (0 when unknown)
     * @param groupNumber   partner group to its number in this generation (0 when unknown)
     */
    Match(Conditions conditions, ToIntFunction<String> partnerNumber, ToIntFunction<String> groupNumber) {
        this.source = conditions;
        this.countries = conditions.countries().isEmpty() ? null : countries(conditions.countries());
        this.notCountries = conditions.notCountries().isEmpty() ? null : countries(conditions.notCountries());
        this.devices = conditions.devices().isEmpty() ? null : CodeSet.of(conditions.devices(), Families::deviceCode);
        this.os = conditions.os().isEmpty() ? null : CodeSet.of(conditions.os(), Families::knownOsCode);
        this.browsers = conditions.browsers().isEmpty() ? null
                : CodeSet.of(conditions.browsers(), Families::knownBrowserCode);
        this.languages = conditions.languages().stream().mapToInt(Languages::pack).toArray();
        this.minVisits = conditions.visits() == null ? 0 : conditions.visits().min();
        this.maxVisits = conditions.visits() == null ? Integer.MAX_VALUE : conditions.visits().max();
        this.partners = conditions.partners().stream().mapToInt(partnerNumber).toArray();
        this.groups = conditions.partnerGroups().stream().mapToInt(groupNumber).toArray();
        this.hourMask = conditions.hourMask();
        this.weekdayMask = conditions.weekdayMask();
        this.query = conditions.query().stream().map(QueryTest::new).toArray(QueryTest[]::new);
        this.referrer = conditions.referrers().isEmpty() ? null : new ReferrerTest(conditions.referrers());
        this.checks = checks();
    }

    private static CodeSet countries(List<String> codes) {
        return CodeSet.of(codes, code -> CountryCodes.index(CountryCodes.pack(code)));
    }

    /** The written conditions, cheapest first. */
    private int[] checks() {
        List<Dimension> present = new ArrayList<>();
        addIf(present, partners.length > 0, Dimension.PARTNER);
        addIf(present, groups.length > 0, Dimension.PARTNER_GROUP);
        addIf(present, source.visits() != null, Dimension.VISITS);
        addIf(present, devices != null, Dimension.DEVICE);
        addIf(present, os != null, Dimension.OS);
        addIf(present, browsers != null, Dimension.BROWSER);
        addIf(present, countries != null, Dimension.COUNTRY);
        addIf(present, notCountries != null, Dimension.NOT_COUNTRY);
        addIf(present, hourMask != 0, Dimension.HOURS);
        addIf(present, weekdayMask != 0, Dimension.WEEKDAYS);
        addIf(present, languages.length > 0, Dimension.LANGUAGE);
        addIf(present, referrer != null, Dimension.REFERRER);
        addIf(present, query.length > 0, Dimension.QUERY);
        return present.stream().mapToInt(Dimension::ordinal).toArray();
    }

    private static void addIf(List<Dimension> present, boolean condition, Dimension dimension) {
        if (condition) {
            present.add(dimension);
        }
    }

    boolean matches(ClickFacts facts, ZoneClock zone) {
        for (int check : checks) {
            if (!holds(check, facts, zone)) {
                return false;
            }
        }
        return true;
    }

    /** The written conditions that this click fails, in evaluation order; allocates (explain only). */
    List<Dimension> failures(ClickFacts facts, ZoneClock zone) {
        List<Dimension> failed = new ArrayList<>();
        for (int check : checks) {
            if (!holds(check, facts, zone)) {
                failed.add(Dimension.byOrdinal(check));
            }
        }
        return failed;
    }

    private boolean holds(int dimension, ClickFacts facts, ZoneClock zone) {
        switch (dimension) {
            case 0: // COUNTRY
                return countries.contains(CountryCodes.index(facts.country()));
            case 1: // NOT_COUNTRY
                return !notCountries.contains(CountryCodes.index(facts.country()));
            case 2: // DEVICE
                return devices.contains(facts.device());
            case 3: // OS
                return os.contains(facts.os());
            case 4: // BROWSER
                return browsers.contains(facts.browser());
            case 5: // LANGUAGE
                return contains(languages, facts.language());
            case 6: { // VISITS
                int visits = facts.visits();
                return visits >= minVisits && visits <= maxVisits;
            }
            case 7: // PARTNER
                return facts.partner() != 0 && contains(partners, facts.partner());
            case 8: // PARTNER_GROUP
                return facts.partnerGroup() != 0 && contains(groups, facts.partnerGroup());
            case 9: // HOURS
                return (hourMask & (1 << zone.hourOfDay(facts.epochMs()))) != 0;
            case 10: // WEEKDAYS
                return (weekdayMask & (1 << zone.weekday(facts.epochMs()))) != 0;
            case 11: // QUERY
                for (QueryTest test : query) {
                    if (!test.matches(facts.uri(), facts.queryStart(), facts.queryEnd())) {
                        return false;
                    }
                }
                return true;
            case 12: // REFERRER
                return referrer.matches(facts.referrer());
            default:
                throw new IllegalStateException("unknown condition " + dimension);
        }
    }

    private static boolean contains(int[] values, int value) {
        for (int candidate : values) {
            if (candidate == value) {
                return true;
            }
        }
        return false;
    }

    /** What the condition asks for, as explain shows it. */
    String expected(Dimension dimension) {
        switch (dimension) {
            case COUNTRY:
                return "one of " + source.countries();
            case NOT_COUNTRY:
                return "none of " + source.notCountries();
            case DEVICE:
                return "one of " + source.devices();
            case OS:
                return "one of " + source.os();
            case BROWSER:
                return "one of " + source.browsers();
            case LANGUAGE:
                return "one of " + source.languages();
            case VISITS:
                return maxVisits == Integer.MAX_VALUE ? "at least " + minVisits : minVisits + " to " + maxVisits;
            case PARTNER:
                return "one of " + source.partners();
            case PARTNER_GROUP:
                return "one of " + source.partnerGroups();
            case HOURS:
                return "hours " + hours(hourMask);
            case WEEKDAYS:
                return "days " + weekdays(weekdayMask);
            case QUERY: {
                List<String> tests = new ArrayList<>();
                for (QueryTest test : query) {
                    tests.add(test.describe());
                }
                return String.join(" and ", tests);
            }
            case REFERRER:
                return "host or subdomain of one of " + referrer.describe();
            default:
                return "";
        }
    }

    /** What the click has for the condition, as explain shows it. */
    static String actual(Dimension dimension, ClickFacts facts, ZoneClock zone, String partnerId, String groupId) {
        switch (dimension) {
            case COUNTRY:
            case NOT_COUNTRY:
                return CountryCodes.unpack(facts.country());
            case DEVICE:
                return Families.deviceName(facts.device());
            case OS:
                return Families.osName(facts.os());
            case BROWSER:
                return Families.browserName(facts.browser());
            case LANGUAGE:
                return facts.language() == 0 ? "none" : Languages.unpack(facts.language());
            case VISITS:
                return Integer.toString(facts.visits());
            case PARTNER:
                return partnerId == null ? "none" : partnerId;
            case PARTNER_GROUP:
                return groupId == null ? "none" : groupId;
            case HOURS:
                return "hour " + zone.hourOfDay(facts.epochMs());
            case WEEKDAYS:
                return WEEKDAYS[zone.weekday(facts.epochMs())];
            case QUERY:
                return facts.queryStart() >= facts.queryEnd() ? "no query"
                        : facts.uri().subSequence(facts.queryStart(), facts.queryEnd()).toString();
            case REFERRER:
                return facts.referrer() == null ? "none" : facts.referrer().toString();
            default:
                return "";
        }
    }

    private static String hours(int mask) {
        List<String> ranges = new ArrayList<>();
        int hour = 0;
        while (hour < 24) {
            if ((mask & (1 << hour)) == 0) {
                hour++;
                continue;
            }
            int end = hour;
            while (end < 24 && (mask & (1 << end)) != 0) {
                end++;
            }
            ranges.add(hour + "-" + end);
            hour = end;
        }
        return String.join(", ", ranges);
    }

    private static String weekdays(int mask) {
        List<String> days = new ArrayList<>();
        for (int day = 0; day < 7; day++) {
            if ((mask & (1 << day)) != 0) {
                days.add(WEEKDAYS[day]);
            }
        }
        return days.toString();
    }
}

package io.smartlinkd.config;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/** ISO 3166-1 alpha-2 country codes as geo databases report them. */
final class Countries {
    // The JDK's list, plus XK (Kosovo), which MaxMind and the CC0 database use though ISO has not assigned it.
    private static final Set<String> CODES = codes();

    private Countries() {
    }

    /** The canonical (upper-case) code, or null with the problem reported at {@code value}. */
    static String checked(YamlValue value, Located<String> code) {
        String upper = code.value().trim().toUpperCase(Locale.ROOT);
        if (CODES.contains(upper)) {
            return upper;
        }
        String hint = upper.equals("UK") ? "; the United Kingdom is GB" : upper.equals("EL") ? "; Greece is GR" : "";
        value.file().error(code.at(), value.name() + ": unknown country code " + Messages.quote(code.value())
                + " (ISO 3166-1 alpha-2, such as DE or US" + hint + ")");
        return null;
    }

    private static Set<String> codes() {
        Set<String> codes = new HashSet<>(Set.of(Locale.getISOCountries()));
        codes.add("XK");
        return Set.copyOf(codes);
    }
}

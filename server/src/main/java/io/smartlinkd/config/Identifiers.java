package io.smartlinkd.config;

import java.util.regex.Pattern;

/**
 * Slugs, link ids, partner ids and groups: safe in a URL path segment, a file name and a log line without escaping.
 */
final class Identifiers {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private Identifiers() {
    }

    /** Why {@code value} is refused, as a sentence about {@code field}; null if it is a valid identifier. */
    static String problem(String field, String value) {
        if (IDENTIFIER.matcher(value).matches()) {
            return null;
        }
        return field + " must be 1 to 64 letters, digits, '_', '.' or '-', starting with a letter or digit (got "
                + Messages.quote(value) + ")";
    }

    /** {@code text} if it is a valid identifier, else null (reported at the value). */
    static String checked(YamlValue value, String text) {
        if (text == null) {
            return null;
        }
        String problem = problem(value.name(), text);
        if (problem != null) {
            value.error(problem);
            return null;
        }
        return text;
    }
}

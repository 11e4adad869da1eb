package io.smartlinkd.config;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Replaces {@code ${NAME}} and {@code ${NAME:-default}} in a scalar with environment values; {@code $${} is a literal
 * {@code ${}. One pass: substituted values are not expanded again. As in the shell, {@code :-} also applies when
 * the variable is set but empty.
 */
final class EnvExpander {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Function<String, String> env;
    private Set<String> recording;

    EnvExpander(Function<String, String> env) {
        this.env = env;
    }

    /** From now on, remembers the names of the variables looked up. */
    void record() {
        recording = new TreeSet<>();
    }

    /** The variables looked up since {@link #record}, sorted. */
    Set<String> recorded() {
        return recording == null ? Set.of() : Set.copyOf(recording);
    }

    /** @throws IllegalArgumentException with a message fit for the user when a variable is unset or malformed */
    String expand(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            if (text.startsWith("$${", i)) {
                out.append("${");
                i += 3;
            } else if (text.startsWith("${", i)) {
                int close = text.indexOf('}', i + 2);
                if (close < 0) {
                    throw new IllegalArgumentException("unclosed ${ (write $${ for a literal ${)");
                }
                out.append(valueOf(text.substring(i + 2, close)));
                i = close + 1;
            } else {
                out.append(text.charAt(i));
                i++;
            }
        }
        return out.toString();
    }

    private String valueOf(String reference) {
        int separator = reference.indexOf(":-");
        String name = separator < 0 ? reference : reference.substring(0, separator);
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid variable name " + Messages.quote(name)
                    + " in ${...} (write $${ for a literal ${)");
        }
        if (recording != null) {
            recording.add(name);
        }
        String value = env.apply(name);
        if (separator >= 0 && (value == null || value.isEmpty())) {
            return reference.substring(separator + 2);
        }
        if (value == null) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return value;
    }
}

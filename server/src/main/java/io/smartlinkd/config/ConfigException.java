package io.smartlinkd.config;

import java.util.List;

/**
 * A config refused whole; carries every error found, in file order.
 */
public final class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(summary(errors));
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String summary(List<ConfigError> errors) {
        StringBuilder text = new StringBuilder();
        for (ConfigError error : errors) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(error.format());
        }
        return text.toString();
    }
}

package io.smartlinkd.config;

/**
 * One reason a config was refused, pointing at where it is in the YAML.
 */
public record ConfigError(SourceLocation where, String message) {
    /** {@code file:line:column: message}, the form editors and CI logs link to. */
    public String format() {
        return where + ": " + message;
    }

    @Override
    public String toString() {
        return format();
    }
}

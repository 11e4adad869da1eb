package io.smartlinkd.config;

/**
 * A position in a config file, 1-based line and column, as editors show it.
 */
public record SourceLocation(String file, int line, int column) {
    public static SourceLocation of(String file) {
        return new SourceLocation(file, 1, 1);
    }

    @Override
    public String toString() {
        return file + ":" + line + ":" + column;
    }
}

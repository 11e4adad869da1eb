package io.smartlinkd.journal;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal holds bytes that no writer could have produced at a place where valid data must be: a bad header, a
 * record that fails its CRC inside a sealed segment, or before the last valid record of the open one. The message
 * is {@code file:offset: reason} so an operator can look at the exact bytes; the loader stops here and never skips.
 */
public final class JournalCorruptException extends IOException {
    private final transient Path file;
    private final long offset;

    public JournalCorruptException(Path file, long offset, String reason) {
        super(file + ":" + offset + ": " + reason);
        this.file = file;
        this.offset = offset;
    }

    public Path file() {
        return file;
    }

    public long offset() {
        return offset;
    }
}

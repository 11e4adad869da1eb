package io.smartlinkd.link;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An append-only byte log that stays in memory while small and moves to a temporary file once it passes a
 * threshold, so what a config of millions of links produces (records, newly published slugs) never has to fit in
 * the heap. Written once, then read back any number of times; {@link #close} deletes the file.
 */
final class SpillBuffer implements AutoCloseable {
    static final int DEFAULT_IN_MEMORY_BYTES = 4 << 20;
    static final String PREFIX = "spill-";

    private final Path scratchDir;
    private final int inMemoryLimit;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private Path file;
    private OutputStream fileOut;
    private final DataOutputStream out;
    private long size;

    /** @param scratchDir where the file goes once the log passes {@code inMemoryLimit} bytes */
    SpillBuffer(Path scratchDir, int inMemoryLimit) {
        this.scratchDir = scratchDir;
        this.inMemoryLimit = inMemoryLimit;
        this.out = new DataOutputStream(new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                target(1).write(b);
                size++;
            }

            @Override
            public void write(byte[] bytes, int offset, int length) throws IOException {
                target(length).write(bytes, offset, length);
                size += length;
            }
        });
    }

    /** Where records are appended. */
    DataOutputStream out() {
        return out;
    }

    long size() {
        return size;
    }

    /** A fresh reader over everything written so far. */
    DataInputStream in() {
        try {
            if (file == null) {
                return new DataInputStream(new ByteArrayInputStream(memory.toByteArray()));
            }
            fileOut.flush();
            InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
            return new DataInputStream(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read back " + file + ": " + e.getMessage(), e);
        }
    }

    private OutputStream target(int adding) throws IOException {
        if (file == null && memory.size() + adding > inMemoryLimit) {
            Files.createDirectories(scratchDir);
            file = Files.createTempFile(scratchDir, PREFIX, ".tmp");
            fileOut = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
            memory.writeTo(fileOut);
            memory = null;
        }
        return file == null ? memory : fileOut;
    }

    @Override
    public void close() {
        if (file == null) {
            memory = new ByteArrayOutputStream();
            return;
        }
        try {
            fileOut.close();
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover temporary file only costs disk.
        }
    }
}

package io.smartlinkd.link;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.function.BiConsumer;

/**
 * Slugs a config serves for the first time, kept aside until that config is live and then recorded in the
 * {@link SlugRegistry}; spilled to a scratch file when there are millions. Close to delete it.
 */
public final class PendingSlugs implements AutoCloseable {
    private final SpillBuffer buffer;
    private long count;

    public PendingSlugs(Path scratchDir) {
        this.buffer = new SpillBuffer(scratchDir, SpillBuffer.DEFAULT_IN_MEMORY_BYTES);
    }

    /** @param key {@link SlugRegistry#key} of the slug */
    public void add(String key, PublishedSlug slug) {
        try {
            buffer.out().writeUTF(key);
            buffer.out().writeUTF(slug.encode());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot spill published slugs: " + e.getMessage(), e);
        }
        count++;
    }

    public long count() {
        return count;
    }

    /** Each pending slug's key and {@link PublishedSlug}, in the order added. */
    public void forEach(BiConsumer<String, PublishedSlug> each) {
        try (DataInputStream in = buffer.in()) {
            for (long i = 0; i < count; i++) {
                String key = in.readUTF();
                each.accept(key, PublishedSlug.decode(in.readUTF()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read published slugs back: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        buffer.close();
    }
}

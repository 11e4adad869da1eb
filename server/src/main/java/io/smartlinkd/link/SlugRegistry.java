package io.smartlinkd.link;

import io.smartlinkd.store.PersistedMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Every slug this data dir has ever served, with the link it belongs to and its stable link number, persisted in
 * a Chronicle Map so a slug can never silently be handed to another link. Written only by the config-reload
 * thread; reads are thread-safe.
 */
public final class SlugRegistry implements AutoCloseable {
    private static final String FILE = "published-slugs.cm3";
    private static final String NEXT_NUMBER_KEY = "#next-link-number";

    private final ChronicleMap<CharSequence, CharSequence> map;
    /** The file, when this process owns it (see {@link PersistedMaps}); null for a reader beside the server. */
    private final Path ownedFile;

    private SlugRegistry(ChronicleMap<CharSequence, CharSequence> map, Path ownedFile) {
        this.map = map;
        this.ownedFile = ownedFile;
    }

    /** Opens the registry of the data dir this process owns (the server), recovering it after a crash. */
    public static SlugRegistry open(Path dataDir) throws IOException {
        return open(dataDir, 0);
    }

    /**
     * As {@link #open(Path)}; a registry made now is sized for {@code expectedSlugs} (a file made before keeps its
     * size and grows in tiers, which are slower to search).
     */
    public static SlugRegistry open(Path dataDir, long expectedSlugs) throws IOException {
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        return new SlugRegistry(PersistedMaps.open(builder(expectedSlugs), file), file);
    }

    /** Opens the registry to read it beside a server that may be running (offline {@code check}). */
    public static SlugRegistry openForReading(Path dataDir) throws IOException {
        return new SlugRegistry(builder(0).createPersistedTo(dataDir.resolve(FILE).toFile()), null);
    }

    private static ChronicleMapBuilder<CharSequence, CharSequence> builder(long expectedSlugs) {
        return ChronicleMapBuilder.of(CharSequence.class, CharSequence.class)
                .name("published-slugs")
                // At least an ordinary config's worth (a new data dir's file is ~13 MB); it grows in tiers up to
                // 1,000 times that.
                .entries(Math.max(100_000, expectedSlugs + expectedSlugs / 2))
                .maxBloatFactor(1_000)
                .averageKeySize(32)
                .averageValueSize(64);
    }

    public static String key(String host, String slug) {
        return host + "/" + slug;
    }

    /** The published slug, or null if {@code host/slug} was never served. */
    public PublishedSlug find(String host, String slug) {
        CharSequence value = map.get(key(host, slug));
        return value == null ? null : PublishedSlug.decode(value);
    }

    /** Visits every published slug without collecting them: there may be millions. */
    public void forEach(BiConsumer<String, PublishedSlug> each) {
        map.forEach((key, value) -> {
            if (!NEXT_NUMBER_KEY.contentEquals(key)) {
                each.accept(key.toString(), PublishedSlug.decode(value));
            }
        });
    }

    /** The number the next newly published link will get. */
    public int nextLinkNumber() {
        CharSequence next = map.get(NEXT_NUMBER_KEY);
        return next == null ? 1 : Integer.parseInt(next.toString());
    }

    /** Records newly served slugs; existing ones are left as they are. */
    public void publish(PendingSlugs slugs) {
        int[] next = {nextLinkNumber()};
        slugs.forEach((key, slug) -> publishOne(key, slug, next));
        map.put(NEXT_NUMBER_KEY, Integer.toString(next[0]));
    }

    private void publishOne(String key, PublishedSlug slug, int[] next) {
        if (map.putIfAbsent(key, slug.encode()) == null) {
            next[0] = Math.max(next[0], slug.linkNumber() + 1);
        }
    }

    @Override
    public void close() {
        if (ownedFile != null) {
            PersistedMaps.close(map, ownedFile);
        } else {
            map.close();
        }
    }
}

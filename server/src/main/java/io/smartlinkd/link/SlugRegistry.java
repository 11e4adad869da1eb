package io.smartlinkd.link;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
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

    private SlugRegistry(ChronicleMap<CharSequence, CharSequence> map) {
        this.map = map;
    }

    public static SlugRegistry open(Path dataDir) throws IOException {
        Files.createDirectories(dataDir);
        ChronicleMap<CharSequence, CharSequence> map = ChronicleMapBuilder.of(CharSequence.class, CharSequence.class)
                .name("published-slugs")
                .entries(100_000)
                .maxBloatFactor(100)
                .averageKeySize(32)
                .averageValueSize(64)
                .createPersistedTo(dataDir.resolve(FILE).toFile());
        return new SlugRegistry(map);
    }

    public static String key(String host, String slug) {
        return host + "/" + slug;
    }

    /** The published slug, or null if {@code host/slug} was never served. */
    public PublishedSlug find(String host, String slug) {
        CharSequence value = map.get(key(host, slug));
        return value == null ? null : PublishedSlug.decode(value);
    }

    /** Every published slug by {@code host/slug}, in no particular order. */
    public Map<String, PublishedSlug> all() {
        Map<String, PublishedSlug> all = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (!NEXT_NUMBER_KEY.contentEquals(key)) {
                all.put(key.toString(), PublishedSlug.decode(value));
            }
        });
        return all;
    }

    /** The number the next newly published link will get. */
    public int nextLinkNumber() {
        CharSequence next = map.get(NEXT_NUMBER_KEY);
        return next == null ? 1 : Integer.parseInt(next.toString());
    }

    /** Records newly served slugs; existing ones are left as they are. */
    public void publish(Map<String, PublishedSlug> slugs) {
        int next = nextLinkNumber();
        for (Map.Entry<String, PublishedSlug> entry : slugs.entrySet()) {
            if (map.putIfAbsent(entry.getKey(), entry.getValue().encode()) == null) {
                next = Math.max(next, entry.getValue().linkNumber() + 1);
            }
        }
        map.put(NEXT_NUMBER_KEY, Integer.toString(next));
    }

    @Override
    public void close() {
        map.close();
    }
}

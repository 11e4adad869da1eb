package io.smartlinkd.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Names claimed while links are read (link ids, slugs per domain), each with where it was first written, so a
 * second use can be reported pointing at the first. Small configs keep them on the heap; a config of millions of
 * links keeps them in a temporary off-heap map, which holds 10,000,000 names in no Java heap at all.
 */
abstract class NameClaims implements AutoCloseable {
    /** Above this many links the names go off-heap. */
    static final long OFF_HEAP_ABOVE = 100_000;

    /** Claims {@code name} for {@code at}; returns where it was claimed before, or null if this is the first. */
    abstract SourceLocation claim(String name, SourceLocation at);

    abstract boolean isClaimed(String name);

    @Override
    public void close() {
    }

    /**
     * Made on first use: a start that reuses its link table reads no links and should not pay for the map.
     *
     * @param files the config's file names in order; off-heap claims store a location as an index into it
     */
    static NameClaims forLinks(long expectedNames, List<String> files) {
        return new Lazy(() -> expectedNames > OFF_HEAP_ABOVE ? new OffHeap(expectedNames, files) : new OnHeap());
    }

    private static final class Lazy extends NameClaims {
        private final Supplier<NameClaims> maker;
        private NameClaims claims;

        Lazy(Supplier<NameClaims> maker) {
            this.maker = maker;
        }

        private NameClaims claims() {
            if (claims == null) {
                claims = maker.get();
            }
            return claims;
        }

        @Override
        SourceLocation claim(String name, SourceLocation at) {
            return claims().claim(name, at);
        }

        @Override
        boolean isClaimed(String name) {
            return claims().isClaimed(name);
        }

        @Override
        public void close() {
            if (claims != null) {
                claims.close();
            }
        }
    }

    private static final class OnHeap extends NameClaims {
        private final Map<String, SourceLocation> claims = new HashMap<>();

        @Override
        SourceLocation claim(String name, SourceLocation at) {
            return claims.putIfAbsent(name, at);
        }

        @Override
        boolean isClaimed(String name) {
            return claims.containsKey(name);
        }
    }

    /** A location packs into a long: file index (20 bits), line (28 bits), column (16 bits, clamped). */
    private static final class OffHeap extends NameClaims {
        private final List<String> files;
        private final Path file;
        private final ChronicleMap<CharSequence, Long> claims;

        OffHeap(long expectedNames, List<String> files) {
            this.files = files;
            try {
                file = Files.createTempFile("smartlinkd-names-", ".cm3");
                Files.delete(file);
                claims = ChronicleMapBuilder.of(CharSequence.class, Long.class)
                        .name("link-names")
                        .entries(Math.max(1024, expectedNames + expectedNames / 4))
                        .averageKeySize(40)
                        .maxBloatFactor(4)
                        .createPersistedTo(file.toFile());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a temporary map for link names: " + e.getMessage(), e);
            }
        }

        @Override
        SourceLocation claim(String name, SourceLocation at) {
            Long first = claims.putIfAbsent(name, pack(at));
            return first == null ? null : unpack(first);
        }

        @Override
        boolean isClaimed(String name) {
            return claims.containsKey(name);
        }

        private long pack(SourceLocation at) {
            long fileIndex = Math.max(0, files.indexOf(at.file()));
            return fileIndex << 44 | (long) Math.min(at.line(), (1 << 28) - 1) << 16 | Math.min(at.column(), 0xFFFF);
        }

        private SourceLocation unpack(long packed) {
            int fileIndex = (int) (packed >>> 44);
            String name = fileIndex < files.size() ? files.get(fileIndex) : "?";
            return new SourceLocation(name, (int) (packed >>> 16) & ((1 << 28) - 1), (int) packed & 0xFFFF);
        }

        @Override
        public void close() {
            claims.close();
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover temporary file only costs disk.
            }
        }
    }
}

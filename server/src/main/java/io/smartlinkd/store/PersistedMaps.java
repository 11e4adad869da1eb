package io.smartlinkd.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the Chronicle Maps the server writes so that a crash cannot hang the next start. A map's segment locks live
 * in its file: a process killed while holding one leaves it held, and the next process that touches that segment
 * spins on it (and its close spins on the spinning context). So a map is marked open ({@code FILE.open}) while a
 * process uses it; a mark found at open means the last user did not close it, and the map is recovered first
 * (Chronicle's recovery releases the dead process's locks and drops damaged entries, logged).
 *
 * <p>Only the process that owns the data dir (the server) may open maps this way; a tool reading the same files
 * beside a running server opens them plainly.
 */
public final class PersistedMaps {
    private static final Logger LOG = LoggerFactory.getLogger(PersistedMaps.class);
    private static final String OPEN_MARK = ".open";

    private PersistedMaps() {
    }

    /** Opens or creates the map in {@code file}, recovering it first if its last user did not close it. */
    public static <K, V> ChronicleMap<K, V> open(ChronicleMapBuilder<K, V> builder, Path file) throws IOException {
        Path mark = markOf(file);
        ChronicleMap<K, V> map;
        if (Files.exists(file) && Files.exists(mark)) {
            LOG.warn("{} was not closed (the process before was killed?): recovering it", file);
            long start = System.nanoTime();
            map = builder.recoverPersistedTo(file.toFile(), true,
                    corruption -> LOG.warn("{}: {}", file, corruption.message()));
            LOG.info("{} recovered in {} ms, {} entries", file, (System.nanoTime() - start) / 1_000_000,
                    map.longSize());
        } else {
            map = builder.createPersistedTo(file.toFile());
        }
        if (!Files.exists(mark)) {
            Files.createFile(mark);
        }
        return map;
    }

    /** Closes a map opened by {@link #open} and removes its mark. */
    public static void close(ChronicleMap<?, ?> map, Path file) {
        map.close();
        try {
            Files.deleteIfExists(markOf(file));
        } catch (IOException e) {
            // The next start recovers a map that needed no recovery: slower, never wrong.
            LOG.warn("cannot remove {}: {}", markOf(file), e.getMessage());
        }
    }

    private static Path markOf(Path file) {
        return file.resolveSibling(file.getFileName() + OPEN_MARK);
    }
}

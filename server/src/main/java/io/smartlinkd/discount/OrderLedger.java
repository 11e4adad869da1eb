package io.smartlinkd.discount;

import io.smartlinkd.store.PersistedMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * Orders seen, by {@link Order#key()}, so a repeated webhook delivery changes nothing. An entry is
 * {@code P<ms>} while a delivery is being processed and {@code D<summary>} once it was recorded; a processing mark
 * older than the stale time (a crash mid-delivery) may be taken over by the next delivery.
 */
public final class OrderLedger implements AutoCloseable {
    private static final long STALE_MS = 60_000;
    private final ChronicleMap<CharSequence, CharSequence> map;
    private final Path file;

    private OrderLedger(ChronicleMap<CharSequence, CharSequence> map, Path file) {
        this.file = file;
        this.map = map;
    }

    public static OrderLedger open(Path dir, long capacity) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve("orders.cm3");
        return new OrderLedger(PersistedMaps.open(ChronicleMapBuilder.of(CharSequence.class, CharSequence.class)
                .name("orders")
                .entries(Math.max(1024, capacity))
                .maxBloatFactor(4)
                .averageKeySize(32)
                .averageValueSize(96), file), file);
    }

    /** How a delivery may proceed. */
    public enum Claim { CLAIMED, DONE, BUSY }

    /** Marks {@code key} as being processed by this delivery, unless it was recorded or is being processed. */
    public Claim claim(String key, long nowMs) {
        while (true) {
            CharSequence prior = map.putIfAbsent(key, "P" + nowMs);
            if (prior == null) {
                return Claim.CLAIMED;
            }
            String text = prior.toString();
            if (text.startsWith("D")) {
                return Claim.DONE;
            }
            long since = Long.parseLong(text.substring(1));
            if (nowMs - since < STALE_MS) {
                return Claim.BUSY;
            }
            if (map.replace(key, prior, "P" + nowMs)) {
                return Claim.CLAIMED;
            }
        }
    }

    /** The delivery is recorded: later ones are repeats. */
    public void done(String key, String summary) {
        map.put(key, "D" + summary);
    }

    /** The delivery failed before it was recorded: the store's retry will process it. */
    public void release(String key) {
        map.remove(key);
    }

    /** The recorded summary, or null when not recorded. */
    public String summary(String key) {
        CharSequence value = map.get(key);
        return value == null || value.charAt(0) != 'D' ? null : value.subSequence(1, value.length()).toString();
    }

    @Override
    public void close() {
        PersistedMaps.close(map, file);
    }
}

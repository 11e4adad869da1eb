package io.smartlinkd.routing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every offer id this data dir has ever served with its stable number (1..65535), which click ids, journal records
 * and the cap counters carry. A number is never reused, also after its offer is removed from the config, so a
 * postback for an old click id cannot be credited to another offer.
 *
 * <p>Kept in a small text file ({@code DATA/offer-numbers.txt}, {@code number TAB id} per line) that is rewritten
 * whole, fsynced and renamed into place when new offers appear: a crash leaves the old or the new file, never a mix.
 * Written by the config-reload thread only; the methods are synchronized for the odd reader elsewhere.
 */
public final class OfferRegistry {
    public static final String FILE = "offer-numbers.txt";
    public static final int MAX_NUMBER = CapCounters.MAX_OFFER_NUMBER;
    private static final String HEADER = "# smartlinkd offer numbers: number TAB offer id. Written by the server;"
            + " never edit or reuse a number.\n";

    private final Path file;
    private final Map<String, Integer> numbers;
    private int next;

    private OfferRegistry(Path file, Map<String, Integer> numbers) {
        this.file = file;
        this.numbers = numbers;
        this.next = numbers.values().stream().mapToInt(Integer::intValue).max().orElse(0) + 1;
    }

    /** Reads the registry of a data dir; a missing file is an empty registry. */
    public static OfferRegistry open(Path dataDir) throws IOException {
        Path file = dataDir.resolve(FILE);
        Map<String, Integer> numbers = new LinkedHashMap<>();
        if (Files.exists(file)) {
            int lineNumber = 0;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                lineNumber++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                int tab = line.indexOf('\t');
                try {
                    int number = Integer.parseInt(line.substring(0, tab));
                    if (number < 1 || number > MAX_NUMBER || numbers.put(line.substring(tab + 1), number) != null) {
                        throw new NumberFormatException();
                    }
                } catch (RuntimeException e) {
                    throw new IOException(file + ":" + lineNumber + ": malformed offer number line");
                }
            }
        }
        return new OfferRegistry(file, numbers);
    }

    /** A registry that is never written: for offline checks and tests. */
    public static OfferRegistry inMemory() {
        return new OfferRegistry(null, new LinkedHashMap<>());
    }

    /** The number of a known offer, or 0. */
    public synchronized int number(String id) {
        return numbers.getOrDefault(id, 0);
    }

    /** The number the next new offer gets; above {@link #MAX_NUMBER} when they are used up. */
    public synchronized int nextNumber() {
        return next;
    }

    public synchronized Map<String, Integer> all() {
        return Collections.unmodifiableMap(new LinkedHashMap<>(numbers));
    }

    /** Remembers newly numbered offers and, for a registry on disk, writes the file durably. */
    public synchronized void record(Map<String, Integer> assigned) throws IOException {
        boolean changed = false;
        for (Map.Entry<String, Integer> entry : assigned.entrySet()) {
            if (numbers.putIfAbsent(entry.getKey(), entry.getValue()) == null) {
                next = Math.max(next, entry.getValue() + 1);
                changed = true;
            }
        }
        if (changed && file != null) {
            write();
        }
    }

    private void write() throws IOException {
        StringBuilder text = new StringBuilder(HEADER);
        numbers.forEach((id, number) -> text.append(number).append('\t').append(id).append('\n'));
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(FILE + ".tmp");
        try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            channel.write(java.nio.ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
            channel.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel dir = FileChannel.open(file.getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        }
    }
}

package io.smartlinkd.link;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;

/**
 * The compiled links of one config generation in an off-heap, file-persisted Chronicle Map, keyed by
 * {@code [u16 domain number][slug bytes]}, valued by a {@link LinkRecordFormat link record}.
 *
 * <p>A generation is immutable: a reload builds a new file next to the old one and swaps the reference, so every
 * request sees one whole version. Files are named by a fingerprint of their content, so a restart with an
 * unchanged config reopens the existing file instead of rebuilding it. Lookups are thread-safe and copy into the
 * caller's {@link ByteRecord}. A small table also keeps its records on the heap ({@link HeapLinkIndex}), which the
 * event loops read without copying ({@link LinkRecordCache}).
 */
public final class LinkTable implements AutoCloseable {
    private static final String PREFIX = "links-";
    private static final String SUFFIX = ".cm3";

    private final ChronicleMap<ByteRecord, ByteRecord> map;
    private final Path file;
    private final HeapLinkIndex heap;

    private LinkTable(ChronicleMap<ByteRecord, ByteRecord> map, Path file, int maxHeapLinks) {
        this.map = map;
        this.file = file;
        this.heap = HeapLinkIndex.of(map, maxHeapLinks);
    }

    public static byte[] key(int domainNumber, String slug) {
        byte[] slugBytes = slug.getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[2 + slugBytes.length];
        key[0] = (byte) (domainNumber >>> 8);
        key[1] = (byte) domainNumber;
        System.arraycopy(slugBytes, 0, key, 2, slugBytes.length);
        return key;
    }

    /** The name of the file that holds these entries. */
    public static String fileName(LinkEntries entries) {
        return PREFIX + entries.fingerprint() + SUFFIX;
    }

    /** Opens the generation for these entries from {@code dir}, building it first if no file holds them yet. */
    public static LinkTable openOrBuild(Path dir, LinkEntries entries) throws IOException {
        return openOrBuild(dir, entries, HeapLinkIndex.MAX_LINKS);
    }

    /** As {@link #openOrBuild(Path, LinkEntries)}, records on the heap only up to {@code maxHeapLinks} links. */
    static LinkTable openOrBuild(Path dir, LinkEntries entries, int maxHeapLinks) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(fileName(entries));
        if (!Files.exists(file)) {
            build(file, entries);
        }
        return open(file, maxHeapLinks);
    }

    /** Opens a generation file written before; null when there is none of that name. */
    public static LinkTable openExisting(Path file) {
        return Files.exists(file) ? open(file, HeapLinkIndex.MAX_LINKS) : null;
    }

    private static LinkTable open(Path file, int maxHeapLinks) {
        try {
            // The file's header holds its real sizing; the builder's is only used to create one.
            return new LinkTable(builder(0, 16, 64).createPersistedTo(file.toFile()), file, maxHeapLinks);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the link table " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deletes generation files other than those in use, unfinished builds and scratch files of a crashed load. */
    public static void deleteUnused(Path dir, List<LinkTable> inUse) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String name = path.getFileName().toString();
                boolean ours = name.startsWith(PREFIX) && (name.endsWith(SUFFIX) || name.endsWith(SUFFIX + ".tmp"))
                        || name.startsWith(SpillBuffer.PREFIX) && name.endsWith(".tmp");
                boolean used = inUse.stream().anyMatch(table -> table.file.equals(path));
                if (ours && !used) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void build(Path file, LinkEntries entries) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        long count = Math.max(1, entries.count());
        ChronicleMapBuilder<ByteRecord, ByteRecord> builder = builder(entries.count(),
                (double) entries.keyBytes() / count, (double) entries.recordBytes() / count);
        try (ChronicleMap<ByteRecord, ByteRecord> building = builder.createPersistedTo(tmp.toFile())) {
            ByteRecord key = new ByteRecord(64);
            ByteRecord value = new ByteRecord(256);
            entries.forEach((keyBytes, keyLength, record, recordLength) -> {
                key.clear();
                key.append(keyBytes, 0, keyLength);
                value.clear();
                value.append(record, 0, recordLength);
                building.put(key, value);
            });
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ChronicleMapBuilder<ByteRecord, ByteRecord> builder(long entries, double averageKeyBytes,
                                                                      double averageRecordBytes) {
        return ChronicleMapBuilder.of(ByteRecord.class, ByteRecord.class)
                .name("links")
                .keyMarshallers(ByteRecordMarshaller.INSTANCE, ByteRecordMarshaller.INSTANCE)
                .valueMarshallers(ByteRecordMarshaller.INSTANCE, ByteRecordMarshaller.INSTANCE)
                .entries(Math.max(1024, entries + entries / 4))
                .averageKeySize(Math.max(4.0, averageKeyBytes))
                .averageValueSize(Math.max(32.0, averageRecordBytes));
    }

    /** Copies the record for {@code key} into {@code into}; returns null when there is no such link. */
    public ByteRecord lookup(ByteRecord key, ByteRecord into) {
        if (heap == null) {
            return map.getUsing(key, into);
        }
        ByteRecord found = heap.get(key);
        if (found == null) {
            return null;
        }
        into.clear();
        into.append(found.bytes(), 0, found.length());
        return into;
    }

    /** The records on the heap, or null when the table is too large to keep there. */
    HeapLinkIndex heapIndex() {
        return heap;
    }

    public long size() {
        return map.longSize();
    }

    public Path file() {
        return file;
    }

    @Override
    public void close() {
        map.close();
    }

    @Override
    public String toString() {
        return "LinkTable[" + file.getFileName() + ", " + size() + " links]";
    }
}

package io.smartlinkd.link;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
 * caller's {@link ByteRecord}.
 */
public final class LinkTable implements AutoCloseable {
    private static final String PREFIX = "links-";
    private static final String SUFFIX = ".cm3";

    private final ChronicleMap<ByteRecord, ByteRecord> map;
    private final Path file;

    private LinkTable(ChronicleMap<ByteRecord, ByteRecord> map, Path file) {
        this.map = map;
        this.file = file;
    }

    /** One link as stored: key and record bytes. */
    public record Entry(byte[] key, byte[] record) {
    }

    public static byte[] key(int domainNumber, String slug) {
        byte[] slugBytes = slug.getBytes(StandardCharsets.US_ASCII);
        byte[] key = new byte[2 + slugBytes.length];
        key[0] = (byte) (domainNumber >>> 8);
        key[1] = (byte) domainNumber;
        System.arraycopy(slugBytes, 0, key, 2, slugBytes.length);
        return key;
    }

    /** Opens the generation for these entries from {@code dir}, building it first if no file holds them yet. */
    public static LinkTable openOrBuild(Path dir, List<Entry> entries) throws IOException {
        Files.createDirectories(dir);
        Path file = dir.resolve(PREFIX + fingerprint(entries) + SUFFIX);
        if (!Files.exists(file)) {
            build(file, entries);
        }
        return new LinkTable(builder(entries).createPersistedTo(file.toFile()), file);
    }

    /** Deletes generation files other than those in use, and unfinished builds. */
    public static void deleteUnused(Path dir, List<LinkTable> inUse) throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path path : (Iterable<Path>) files::iterator) {
                String name = path.getFileName().toString();
                boolean ours = name.startsWith(PREFIX) && (name.endsWith(SUFFIX) || name.endsWith(SUFFIX + ".tmp"));
                boolean used = inUse.stream().anyMatch(table -> table.file.equals(path));
                if (ours && !used) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static void build(Path file, List<Entry> entries) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        try (ChronicleMap<ByteRecord, ByteRecord> building = builder(entries).createPersistedTo(tmp.toFile())) {
            ByteRecord key = new ByteRecord(64);
            ByteRecord value = new ByteRecord(256);
            for (Entry entry : entries) {
                key.clear();
                key.append(entry.key(), 0, entry.key().length);
                value.clear();
                value.append(entry.record(), 0, entry.record().length);
                building.put(key, value);
            }
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
    }

    private static ChronicleMapBuilder<ByteRecord, ByteRecord> builder(List<Entry> entries) {
        long keyBytes = 0;
        long valueBytes = 0;
        for (Entry entry : entries) {
            keyBytes += entry.key().length;
            valueBytes += entry.record().length;
        }
        int count = Math.max(1, entries.size());
        return ChronicleMapBuilder.of(ByteRecord.class, ByteRecord.class)
                .name("links")
                .keyMarshallers(ByteRecordMarshaller.INSTANCE, ByteRecordMarshaller.INSTANCE)
                .valueMarshallers(ByteRecordMarshaller.INSTANCE, ByteRecordMarshaller.INSTANCE)
                .entries(Math.max(1024, entries.size() + entries.size() / 4))
                .averageKeySize(Math.max(4.0, (double) keyBytes / count))
                .averageValueSize(Math.max(32.0, (double) valueBytes / count));
    }

    private static String fingerprint(List<Entry> entries) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((byte) LinkRecordFormat.VERSION);
            for (Entry entry : entries) {
                digest.update(intBytes(entry.key().length));
                digest.update(entry.key());
                digest.update(intBytes(entry.record().length));
                digest.update(entry.record());
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] intBytes(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }

    /** Copies the record for {@code key} into {@code into}; returns null when there is no such link. */
    public ByteRecord lookup(ByteRecord key, ByteRecord into) {
        return map.getUsing(key, into);
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

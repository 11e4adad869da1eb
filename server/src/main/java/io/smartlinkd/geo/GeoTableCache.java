package io.smartlinkd.geo;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiled country tables kept in the data dir, keyed by the content of the database file they came from: a restart
 * reads a few megabytes instead of walking a million networks, which takes several seconds on one core and held
 * readiness back. A cache file that is missing, of another version, truncated or damaged is ignored and rebuilt; the
 * database file stays the truth.
 */
final class GeoTableCache {
    private static final Logger LOG = LoggerFactory.getLogger(GeoTableCache.class);
    private static final int MAGIC = 0x534c4754; // "SLGT"
    private static final int VERSION = 1;
    private static final String PREFIX = "geo-table-";
    /** More ranges than any real database has (GeoLite2 City: about 4 million networks). */
    private static final long MAX_RANGES = 64L << 20;

    private final Path dir;

    GeoTableCache(Path dir) {
        this.dir = dir;
    }

    /** The cache key of a database file: its size and CRC32C (about 10 ms for a 30 MB file). */
    static String keyOf(Path database) throws IOException {
        try (FileChannel channel = FileChannel.open(database, StandardOpenOption.READ)) {
            long size = channel.size();
            CRC32C crc = new CRC32C();
            for (long at = 0; at < size; at += Integer.MAX_VALUE) {
                MappedByteBuffer chunk = channel.map(FileChannel.MapMode.READ_ONLY, at, Math.min(Integer.MAX_VALUE,
                        size - at));
                crc.update(chunk);
            }
            return String.format("%08x-%d", crc.getValue(), size);
        }
    }

    /** The table compiled earlier from the database with this key, or null. */
    GeoTableCompiler.Compiled read(String key) {
        Path file = dir.resolve(PREFIX + key + ".bin");
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length < 4) {
                throw new IOException("truncated");
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes, 0, bytes.length - 4);
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes));
            in.skipNBytes(bytes.length - 4);
            if ((int) crc.getValue() != in.readInt()) {
                throw new IOException("checksum mismatch");
            }
            in = new DataInputStream(new ByteArrayInputStream(bytes, 0, bytes.length - 4));
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IOException("not a version " + VERSION + " table");
            }
            long known = in.readLong();
            return new GeoTableCompiler.Compiled(GeoTable.readFrom(in, MAX_RANGES), known);
        } catch (IOException e) {
            LOG.warn("geo: ignoring cached table {} ({}); compiling the database again", file, e.getMessage());
            return null;
        }
    }

    /** Keeps a compiled table for the next start, replacing tables of other databases; failures are only logged. */
    void write(String key, GeoTableCompiler.Compiled compiled) {
        Path file = dir.resolve(PREFIX + key + ".bin");
        Path tmp = dir.resolve(PREFIX + key + ".tmp");
        try {
            Files.createDirectories(dir);
            CRC32C crc = new CRC32C();
            try (OutputStream raw = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16)) {
                DataOutputStream out = new DataOutputStream(new CheckedOutputStream(raw, crc));
                out.writeInt(MAGIC);
                out.writeInt(VERSION);
                out.writeLong(compiled.knownNetworks());
                compiled.table().writeTo(out);
                out.flush();
                new DataOutputStream(raw).writeInt((int) crc.getValue());
            }
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            try (var others = Files.list(dir)) {
                for (Path other : (Iterable<Path>) others::iterator) {
                    String name = other.getFileName().toString();
                    if (name.startsWith(PREFIX) && !other.equals(file)) {
                        Files.deleteIfExists(other);
                    }
                }
            }
        } catch (IOException e) {
            LOG.warn("geo: cannot keep the compiled table in {} ({}); the next start compiles again", dir,
                    e.getMessage());
        }
    }
}

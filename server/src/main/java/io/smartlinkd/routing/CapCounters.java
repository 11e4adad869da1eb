package io.smartlinkd.routing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Click, conversion and payout counters of every offer, per hour, day and in total, in a memory-mapped file so
 * they survive a restart. Thread-safe and lock-free: each window is one 64-bit word updated by compare-and-set.
 *
 * <p>Implementation note. A window word packs the window's number (local hour or day since the epoch, 0 for the
 * total) in the top 24 bits and the count in the low 40. Reading a word whose window is older than the current one
 * means a count of 0, and the first increment of a new window replaces the word, so roll-over needs no sweeper and
 * no lock. A click is taken by incrementing its hour, day and total words in turn, each only if it stays within its
 * limit; when a later window refuses, the earlier increments are undone. Each word therefore never exceeds its
 * limit, whatever the number of threads; a click racing an undo may be refused although the undo then frees the
 * slot, which errs on the side of the cap. A window whose number is ahead of the caller's (the clock stepped back)
 * is treated as the current one.
 *
 * <p>File layout (little-endian, as the CPU writes it): a 4 KiB header ({@code long} magic, {@code int} version,
 * {@code int} slot bytes, {@code int} slots), then one 128-byte slot per offer number holding 9 words: clicks,
 * conversions and payout, each hour, day, total. The file is sparse; 65,536 slots take 8 MiB of address space and a
 * page per 32 offers in use. Nothing is fsynced per click: a process crash loses nothing (the page cache keeps the
 * writes), a power loss may lose the increments of the kernel's write-back interval (by default up to 30 s), by which
 * the next period may overshoot. {@link #close} forces the file.
 */
public final class CapCounters implements AutoCloseable {
    public static final int CLICKS = 0;
    public static final int CONVERSIONS = 1;
    public static final int PAYOUT = 2;
    public static final int HOUR = 0;
    public static final int DAY = 1;
    public static final int TOTAL = 2;
    public static final int MAX_OFFER_NUMBER = 0xFFFF;

    static final long MAGIC = 0x5350_4143_4b4e_4c53L; // "SLNKCAPS" read little-endian
    static final int VERSION = 1;
    static final int HEADER_BYTES = 4096;
    static final int SLOT_BYTES = 128;
    static final int SLOTS = MAX_OFFER_NUMBER + 1;
    static final long FILE_BYTES = HEADER_BYTES + (long) SLOT_BYTES * SLOTS;

    private static final int COUNT_BITS = 40;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;
    private static final long WINDOW_MASK = (1L << 24) - 1;

    private final UnsafeBuffer buffer;
    private final MappedByteBuffer mapped;
    private final Path file;

    private CapCounters(UnsafeBuffer buffer, MappedByteBuffer mapped, Path file) {
        this.buffer = buffer;
        this.mapped = mapped;
        this.file = file;
    }

    /** Opens the counter file, creating it (sparse, zeroed) when missing; refuses a file of another format. */
    public static CapCounters open(Path file) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        boolean created = !Files.exists(file);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw");
             FileChannel channel = raf.getChannel()) {
            if (created) {
                raf.setLength(FILE_BYTES);
            } else if (channel.size() != FILE_BYTES) {
                throw new IOException(file + ": not a caps counter file of this version (size " + channel.size()
                        + "); move it away to start the caps from zero");
            }
            MappedByteBuffer mapped = channel.map(FileChannel.MapMode.READ_WRITE, 0, FILE_BYTES);
            UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            if (created) {
                buffer.putInt(8, VERSION);
                buffer.putInt(12, SLOT_BYTES);
                buffer.putInt(16, SLOTS);
                buffer.putLongVolatile(0, MAGIC);
            } else if (buffer.getLongVolatile(0) != MAGIC || buffer.getInt(8) != VERSION
                    || buffer.getInt(12) != SLOT_BYTES || buffer.getInt(16) != SLOTS) {
                IoUtil.unmap(mapped);
                throw new IOException(file + ": not a caps counter file of this version; move it away to start the"
                        + " caps from zero");
            }
            return new CapCounters(buffer, mapped, file);
        }
    }

    /** Counters in memory only, lost on close: for tests, benchmarks and offline checks. */
    public static CapCounters inMemory() {
        return new CapCounters(new UnsafeBuffer(ByteBuffer.allocateDirect((int) FILE_BYTES)), null, null);
    }

    /**
     * The count of {@code metric} in the window numbered {@code window} (0 for {@link #TOTAL}).
     *
     * @param kind {@link #HOUR}, {@link #DAY} or {@link #TOTAL}
     */
    public long count(int offer, int metric, int kind, long window) {
        long word = buffer.getLongVolatile(offset(offer, metric, kind));
        return windowOf(word) < (window & WINDOW_MASK) ? 0 : word & COUNT_MASK;
    }

    /**
     * Counts one click if that keeps the hour, day and total counts within their limits ({@link Long#MAX_VALUE} =
     * no limit); exact under any concurrency.
     *
     * @return true when the click was counted, false when a limit refused it (nothing counted)
     */
    public boolean tryAcquireClick(int offer, long hour, long day, long hourLimit, long dayLimit, long totalLimit) {
        int hourAt = offset(offer, CLICKS, HOUR);
        int dayAt = offset(offer, CLICKS, DAY);
        int totalAt = offset(offer, CLICKS, TOTAL);
        long hourTaken = tryIncrement(hourAt, hour, hourLimit);
        if (hourTaken < 0) {
            return false;
        }
        long dayTaken = tryIncrement(dayAt, day, dayLimit);
        if (dayTaken < 0) {
            undo(hourAt, hourTaken);
            return false;
        }
        if (tryIncrement(totalAt, 0, totalLimit) < 0) {
            undo(dayAt, dayTaken);
            undo(hourAt, hourTaken);
            return false;
        }
        return true;
    }

    /** Counts a conversion and its payout ({@link io.smartlinkd.config.OfferCaps#PAYOUT_SCALE} units) in every window. */
    public void addConversion(int offer, long hour, long day, long payout) {
        add(offset(offer, CONVERSIONS, HOUR), hour, 1);
        add(offset(offer, CONVERSIONS, DAY), day, 1);
        add(offset(offer, CONVERSIONS, TOTAL), 0, 1);
        if (payout > 0) {
            add(offset(offer, PAYOUT, HOUR), hour, payout);
            add(offset(offer, PAYOUT, DAY), day, payout);
            add(offset(offer, PAYOUT, TOTAL), 0, payout);
        }
    }

    /** @return the window number incremented, or -1 when the limit refused */
    private long tryIncrement(int at, long window, long limit) {
        long current = window & WINDOW_MASK;
        while (true) {
            long word = buffer.getLongVolatile(at);
            long stored = windowOf(word);
            long target = Math.max(stored, current);
            long count = stored < current ? 0 : word & COUNT_MASK;
            if (count >= limit || count >= COUNT_MASK) {
                return -1;
            }
            if (buffer.compareAndSetLong(at, word, (target << COUNT_BITS) | (count + 1))) {
                return target;
            }
        }
    }

    /** Takes back an increment, unless its window has rolled over since (then the count it was in is gone). */
    private void undo(int at, long window) {
        while (true) {
            long word = buffer.getLongVolatile(at);
            if (windowOf(word) != window || (word & COUNT_MASK) == 0) {
                return;
            }
            if (buffer.compareAndSetLong(at, word, word - 1)) {
                return;
            }
        }
    }

    private void add(int at, long window, long amount) {
        long current = window & WINDOW_MASK;
        while (true) {
            long word = buffer.getLongVolatile(at);
            long stored = windowOf(word);
            long count = stored < current ? 0 : word & COUNT_MASK;
            long next = Math.min(COUNT_MASK, count + amount);
            if (buffer.compareAndSetLong(at, word, (Math.max(stored, current) << COUNT_BITS) | next)) {
                return;
            }
        }
    }

    private static long windowOf(long word) {
        return word >>> COUNT_BITS;
    }

    private static int offset(int offer, int metric, int kind) {
        if (offer <= 0 || offer > MAX_OFFER_NUMBER) {
            throw new IllegalArgumentException("offer number must be 1.." + MAX_OFFER_NUMBER + ", got " + offer);
        }
        return HEADER_BYTES + offer * SLOT_BYTES + (metric * 3 + kind) * Long.BYTES;
    }

    /** Where the counters live; null when in memory. */
    public Path file() {
        return file;
    }

    /** Forces the counters to disk and unmaps the file; no method may be called afterwards. */
    @Override
    public void close() {
        if (mapped != null) {
            mapped.force();
            IoUtil.unmap(mapped);
        }
    }
}

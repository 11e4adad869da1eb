package io.smartlinkd.bench;

import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.JournalFormat;
import io.smartlinkd.journal.JournalReader;
import io.smartlinkd.loader.ClickStore;
import io.smartlinkd.loader.JournalLoader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * Loader throughput, rows/s, measured once (not JMH: one load is long enough that warm-up noise is small).
 * {@code java -cp benchmarks.jar io.smartlinkd.bench.LoaderBenchmark ROWS DB [BATCH]}: writes a journal of ROWS
 * clicks in 1M-row sealed segments into a temporary directory, loads it into DB and prints rows/s.
 */
public final class LoaderBenchmark {
    private static final int ROWS_PER_SEGMENT = 1_000_000;

    private LoaderBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rows = Integer.parseInt(args[0]);
        String db = args[1];
        int batch = args.length > 2 ? Integer.parseInt(args[2]) : 100_000;
        Path journal = Files.createTempDirectory("smartlinkd-bench-journal");
        writeJournal(journal, rows);
        long start = System.nanoTime();
        long loaded;
        try (ClickStore store = ClickStore.open(db);
                JournalLoader loader = new JournalLoader(new JournalReader(journal), store, batch)) {
            while (loader.doWork() > 0) {
                // Load everything there is.
            }
            loaded = loader.clicksLoaded();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d rows into %s in %.2f s: %.0f rows/s%n", loaded, db, seconds, loaded / seconds);
    }

    private static void writeJournal(Path dir, int rows) throws IOException {
        ByteBuffer frame = ByteBuffer.allocate(JournalFormat.FRAME_BYTES + 512).order(ByteOrder.LITTLE_ENDIAN);
        CRC32C crc = new CRC32C();
        long sequence = 1;
        int written = 0;
        for (long index = 1; written < rows; index++) {
            Path file = dir.resolve(JournalFormat.segmentName(index));
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                ByteBuffer header = ByteBuffer.allocate(JournalFormat.HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                header.put(JournalFormat.MAGIC).putShort((short) 1).putShort((short) 1).putLong(index)
                        .putLong(System.currentTimeMillis());
                crc.reset();
                crc.update(header.array(), 0, 24);
                header.putInt(24, (int) crc.getValue());
                out.write(header.clear());
                int inSegment = 0;
                for (; inSegment < ROWS_PER_SEGMENT && written < rows; inSegment++, written++) {
                    frame.clear().position(JournalFormat.FRAME_BYTES);
                    click(frame, written);
                    out.write(finish(frame, crc, JournalFormat.TYPE_CLICK, sequence++));
                }
                frame.clear().position(JournalFormat.FRAME_BYTES);
                frame.putLong(inSegment);
                out.write(finish(frame, crc, JournalFormat.TYPE_SEAL, sequence++));
            }
        }
    }

    private static void click(ByteBuffer frame, int n) {
        int base = frame.position();
        frame.putLong(1_767_225_600_000L + n);
        frame.put(String.format("%036d", n).getBytes(StandardCharsets.US_ASCII));
        frame.putInt(n % 100).putShort((short) (n % 7)).putShort((short) (n % 3)).put((byte) 0).put((byte) 2)
                .putShort((short) 302).put((byte) 'D').put((byte) 'E').put((byte) 1).put((byte) 2).put((byte) 3)
                .put((byte) 1).put(new byte[ClickLayout.IP_BYTES]);
        frame.position(base + ClickLayout.STRINGS);
        String[] strings = {"go.example.com", "summer-sale", "summer", "acme", "", "newsletter", "a", "", "", "", ""};
        for (String s : strings) {
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            frame.put((byte) utf8.length).put(utf8);
        }
    }

    private static ByteBuffer finish(ByteBuffer frame, CRC32C crc, int type, long sequence) {
        int payload = frame.position() - JournalFormat.FRAME_BYTES;
        frame.putInt(0, payload).putShort(4, (short) type).putShort(6, (short) 1).putLong(8, sequence);
        crc.reset();
        crc.update(frame.array(), 4, 12);
        crc.update(frame.array(), JournalFormat.FRAME_BYTES, payload);
        frame.putInt(16, (int) crc.getValue());
        return frame.flip();
    }
}

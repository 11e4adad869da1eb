package io.smartlinkd.floor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The anchor's slug file as ready-made responses: the path {@code /slug} maps to the whole 302 answer, bytes
 * and all, in an open-addressing table probed with the request's path bytes, so a lookup allocates nothing.
 */
final class FloorRedirects {
    static final byte[] NOT_FOUND = ascii("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");

    private final byte[][] paths;
    private final byte[][] responses;
    private final int mask;

    private FloorRedirects(byte[][] paths, byte[][] responses) {
        this.paths = paths;
        this.responses = responses;
        this.mask = paths.length - 1;
    }

    /** Reads "slug TAB destination" lines, as {@code nginx-anchor slugs} writes them. */
    static FloorRedirects read(Path slugFile) throws IOException {
        List<String> lines = Files.readAllLines(slugFile, StandardCharsets.UTF_8);
        int size = Integer.highestOneBit(Math.max(2, lines.size() * 2 - 1)) << 1;
        byte[][] paths = new byte[size][];
        byte[][] responses = new byte[size][];
        for (String line : lines) {
            int tab = line.indexOf('\t');
            if (tab <= 0) {
                throw new IOException("not 'slug<TAB>destination': " + line);
            }
            byte[] path = ascii("/" + line.substring(0, tab));
            int slot = hash(path, 0, path.length) & (size - 1);
            while (paths[slot] != null) {
                slot = (slot + 1) & (size - 1);
            }
            paths[slot] = path;
            responses[slot] = ascii("HTTP/1.1 302 Found\r\nLocation: " + line.substring(tab + 1)
                    + "\r\nContent-Length: 0\r\n\r\n");
        }
        return new FloorRedirects(paths, responses);
    }

    /** The answer for the path in {@code bytes[from, to)}: its redirect, or {@link #NOT_FOUND}. */
    byte[] answer(byte[] bytes, int from, int to) {
        int slot = hash(bytes, from, to) & mask;
        for (byte[] path = paths[slot]; path != null; path = paths[slot]) {
            if (Arrays.equals(path, 0, path.length, bytes, from, to)) {
                return responses[slot];
            }
            slot = (slot + 1) & mask;
        }
        return NOT_FOUND;
    }

    private static int hash(byte[] bytes, int from, int to) {
        int h = 0;
        for (int i = from; i < to; i++) {
            h = 31 * h + bytes[i];
        }
        return h ^ (h >>> 16);
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }
}

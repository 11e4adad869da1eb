package io.smartlinkd.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The slugs of the nginx anchor ({@code nginx-anchor slugs N FILE} in the shared bench tools): link {@code i}
 * (1-based) has a 7-character slug over {@code [0-9a-zA-Z]} made by a bijection of {@code i}, so slugs are unique,
 * deterministic and look random, and the destination {@code https://shop.example.com/p/i?utm_source=x}. The
 * benchmarks use the same links as the closed-loop runs against the anchor.
 */
final class BenchSlugs {
    private static final String ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private static final long SPACE = 62L * 62 * 62 * 62 * 62 * 62 * 62;
    private static final long MULTIPLIER = 2_654_435_761L;

    private BenchSlugs() {
    }

    /** The slug of link {@code i} (1-based). */
    static String slug(long i) {
        long x = (i * MULTIPLIER) % SPACE;
        char[] slug = new char[7];
        for (int j = 0; j < slug.length; j++) {
            slug[j] = ALPHABET.charAt((int) (x % 62));
            x /= 62;
        }
        return new String(slug);
    }

    /** Writes links {@code 1..count} as "slug TAB destination" lines, the anchor's slug file. */
    static Path writeTsv(Path file, int count) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII)) {
            for (int i = 1; i <= count; i++) {
                out.append(slug(i)).append("\thttps://shop.example.com/p/").append(Integer.toString(i))
                        .append("?utm_source=x\n");
            }
        }
        return file;
    }
}

package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.TestClick;
import io.smartlinkd.journal.TestJournalWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A journal with {@code segments} segments of {@code clicksPerSegment} clicks each: all sealed but the last, which
 * ends in a torn record. Click {@code n} (from 0) of node {@code node} is {@link #click(int, int)}.
 */
final class GeneratedJournal {
    static final long START_MS = 1_767_225_600_000L; // 2026-01-01T00:00:00Z

    private GeneratedJournal() {
    }

    static int write(Path dir, int node, int segments, int clicksPerSegment) throws IOException {
        int n = 0;
        try (TestJournalWriter writer = new TestJournalWriter(dir, node, 1)) {
            for (int s = 0; s < segments; s++) {
                writer.nextSegment();
                for (int i = 0; i < clicksPerSegment; i++) {
                    writer.click(click(node, n++));
                }
            }
            writer.tornClick(click(node, n), 40);
        }
        return n;
    }

    static TestClick click(int node, int n) {
        String clickId = n % 10 == 9 ? null : String.format("N%dC%034d", node, n).substring(0, 36);
        return new TestClick(START_MS + n * 1_000L, clickId, n % 5 + 1, n % 3, n % 4,
                ClickLayout.Outcome.of(n % 6), n % 8, 302, n % 2 == 0 ? "DE" : "US", n % 5, n % 7, n % 9,
                1, new byte[] {10, 0, (byte) n, 0}, new String[] {"go.example.com", "link" + (n % 5), "s" + (n % 5),
                    "partner" + (n % 3), n % 4 == 0 ? "CODE" + n : "", "utm\t" + (n % 2), "x\\y", "line\nbreak",
                    "ü", "", "s5"});
    }
}

package io.smartlinkd.loader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.cli.LoadCommand;
import io.smartlinkd.journal.JournalFormat;
import io.smartlinkd.journal.TestClick;
import io.smartlinkd.journal.TestJournalWriter;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** What loading must guarantee on every database; subclasses say which database. */
@Timeout(180)
abstract class LoaderContractIT {
    @TempDir
    Path tmp;

    /** A fresh, empty database as a {@code --db} argument. */
    abstract String newDatabase() throws Exception;

    static int load(String... args) {
        return new CommandLine(new LoadCommand()).execute(args);
    }

    static long count(String db, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(Dialect.jdbcUrl(db));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(sql)) {
            row.next();
            return row.getLong(1);
        }
    }

    @Test
    void shouldLoadEveryValidRecordWithExactFieldValuesAndStopAtTheTornTail() throws Exception {
        Path journal = tmp.resolve("node1");
        int clicks = GeneratedJournal.write(journal, 1, 3, 400);
        String db = newDatabase();
        assertEquals(0, load("--journal", journal.toString(), "--db", db, "--batch", "250"));
        assertEquals(clicks, count(db, "SELECT count(*) FROM clicks"));
        assertEquals(clicks, count(db, "SELECT count(DISTINCT sequence) FROM clicks"));
        try (Connection connection = DriverManager.getConnection(Dialect.jdbcUrl(db));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT * FROM clicks ORDER BY sequence")) {
            int n = 0;
            while (row.next()) {
                TestClick expected = GeneratedJournal.click(1, n);
                assertEquals(expected.clickId(), row.getString("click_id"));
                assertEquals(LocalDateTime.ofInstant(Instant.ofEpochMilli(expected.timeMs()), ZoneOffset.UTC),
                        row.getTimestamp("time").toLocalDateTime());
                assertEquals(1, row.getInt("node"));
                assertEquals(n + 1L + n / 400, row.getLong("sequence"), "seals take a sequence number too");
                assertEquals(expected.linkNumber(), row.getLong("link_number"));
                assertEquals(expected.offerNumber(), row.getInt("offer_number"));
                assertEquals(expected.ruleNumber(), row.getInt("rule_number"));
                assertEquals(expected.outcome().label(), row.getString("outcome"));
                assertEquals((expected.flags() & 1) != 0, row.getBoolean("bot"));
                assertEquals((expected.flags() & 2) != 0, row.getBoolean("unique_click"));
                assertEquals((expected.flags() & 4) != 0, row.getBoolean("prefetch"));
                assertEquals(302, row.getInt("http_status"));
                assertEquals(expected.country(), row.getString("country"));
                assertEquals(new String[] {"unknown", "desktop", "mobile", "tablet", "other"}[expected.device()],
                        row.getString("device"));
                assertEquals(expected.os(), row.getInt("os"));
                assertEquals(expected.browser(), row.getInt("browser"));
                assertEquals("ipv4_24", row.getString("ip_form"));
                assertEquals(String.format("0a00%02x00", n & 0xff), row.getString("ip"));
                String[] columns = {"domain", "link_id", "slug", "partner", "discount_code", "utm_source", "sub1",
                    "sub2", "sub3", "sub4", "sub5"};
                for (int i = 0; i < columns.length; i++) {
                    assertEquals(expected.string(i), row.getString(columns[i]), columns[i] + " of click " + n);
                }
                n++;
            }
            assertEquals(clicks, n);
        }
    }

    @Test
    void shouldChangeNothingWhenRunAgain() throws Exception {
        Path journal = tmp.resolve("node1");
        int clicks = GeneratedJournal.write(journal, 1, 2, 300);
        String db = newDatabase();
        assertEquals(0, load("--journal", journal.toString(), "--db", db));
        String checkpoint = "SELECT sequence * 1000000 + \"offset\" FROM journal_checkpoint";
        long before = count(db, checkpoint);
        assertEquals(0, load("--journal", journal.toString(), "--db", db));
        assertEquals(clicks, count(db, "SELECT count(*) FROM clicks"));
        assertEquals(before, count(db, checkpoint));
    }

    /** Order records become order rows next to the clicks, exactly once, with every field as journaled. */
    @Test
    void shouldLoadOrderRecordsExactlyOnce() throws Exception {
        Path journal = tmp.resolve("node1");
        try (io.smartlinkd.journal.TestJournalWriter writer = new io.smartlinkd.journal.TestJournalWriter(journal,
                4, 1)) {
            writer.nextSegment();
            writer.click(GeneratedJournal.click(4, 0));
            writer.record(io.smartlinkd.journal.JournalFormat.TYPE_ORDER, new io.smartlinkd.journal.OrderRecord(
                    GeneratedJournal.START_MS + 5_000, 59_900_000, io.smartlinkd.journal.OrderRecord.Outcome.REDEEMED,
                    "N4C0000000000000000000000000000000000".substring(0, 36), "shopify", "820982911946154508",
                    "SUM-ABCDEFGHJKMNPQ", "EUR", "summer", "link0", "anna").encode());
            writer.record(io.smartlinkd.journal.JournalFormat.TYPE_ORDER, new io.smartlinkd.journal.OrderRecord(
                    GeneratedJournal.START_MS + 6_000, 0, io.smartlinkd.journal.OrderRecord.Outcome.UNKNOWN, "",
                    "api", "o-2", "GUESS", "", "", "", "").encode());
            // The same code of the same order again, as a delivery retried after a crash would journal it.
            writer.record(io.smartlinkd.journal.JournalFormat.TYPE_ORDER, new io.smartlinkd.journal.OrderRecord(
                    GeneratedJournal.START_MS + 7_000, 59_900_000, io.smartlinkd.journal.OrderRecord.Outcome.REDEEMED,
                    "N4C0000000000000000000000000000000000".substring(0, 36), "shopify", "820982911946154508",
                    "SUM-ABCDEFGHJKMNPQ", "EUR", "summer", "link0", "anna").encode());
            writer.click(GeneratedJournal.click(4, 1));
        }
        String db = newDatabase();
        assertEquals(0, load("--journal", journal.toString(), "--db", db, "--batch", "2"));
        assertEquals(0, load("--journal", journal.toString(), "--db", db));
        assertEquals(2, count(db, "SELECT count(*) FROM clicks"));
        assertEquals(2, count(db, "SELECT count(*) FROM orders"));
        assertEquals(1, count(db, "SELECT count(*) FROM orders WHERE order_id = '820982911946154508'"
                + " AND click_id = 'N4C000000000000000000000000000000000' AND code = 'SUM-ABCDEFGHJKMNPQ'"
                + " AND total = 59.90 AND currency = 'EUR' AND node = 4 AND sequence = 2 AND source = 'shopify'"
                + " AND outcome = 'redeemed' AND discount_id = 'summer' AND link_id = 'link0' AND partner = 'anna'"
                + " AND time = TIMESTAMP '2026-01-01 00:00:05'"));
        assertEquals(1, count(db, "SELECT count(*) FROM orders WHERE order_id = 'o-2' AND click_id IS NULL"
                + " AND outcome = 'unknown' AND total = 0"));
    }

    /** A database whose clicks table predates the decision column gains it, last, and loads into it. */
    @Test
    void shouldAddTheDecisionColumnToADatabaseMadeBeforeIt() throws Exception {
        String db = newDatabase();
        try (Connection connection = DriverManager.getConnection(Dialect.jdbcUrl(db));
                Statement statement = connection.createStatement()) {
            String current = Schema.clicksDdl(Dialect.of(connection));
            String before = current.replace("decision VARCHAR NOT NULL,", "");
            assertTrue(before.length() < current.length(), "the DDL without its decision column");
            statement.execute(before);
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
        Path journal = tmp.resolve("node1");
        int clicks = GeneratedJournal.write(journal, 1, 1, 50);
        assertEquals(0, load("--journal", journal.toString(), "--db", db));
        assertEquals(clicks, count(db, "SELECT count(*) FROM clicks WHERE decision = ''"));
    }

    @Test
    void shouldLoadSeveralNodesIntoOneDatabase() throws Exception {
        int first = GeneratedJournal.write(tmp.resolve("a"), 1, 2, 200);
        int second = GeneratedJournal.write(tmp.resolve("b"), 2, 3, 150);
        String db = newDatabase();
        assertEquals(0, load("--journal", tmp.resolve("a").toString(), "--db", db));
        assertEquals(0, load("--journal", tmp.resolve("b").toString(), "--journal", tmp.resolve("a").toString(),
                "--db", db));
        assertEquals(first, count(db, "SELECT count(*) FROM clicks WHERE node = 1"));
        assertEquals(second, count(db, "SELECT count(*) FROM clicks WHERE node = 2"));
        assertEquals(2, count(db, "SELECT count(*) FROM journal_checkpoint"));
    }

    @Test
    void shouldStopAtAFlippedByteInASealedSegmentNamingFileAndOffsetAndLoadNothingPastIt() throws Exception {
        Path journal = tmp.resolve("node1");
        Path sealed;
        long bad;
        try (TestJournalWriter writer = new TestJournalWriter(journal, 1, 1)) {
            writer.nextSegment();
            for (int n = 0; n < 10; n++) {
                writer.click(GeneratedJournal.click(1, n));
            }
            sealed = writer.nextSegment();
            for (int n = 10; n < 15; n++) {
                writer.click(GeneratedJournal.click(1, n));
            }
            bad = writer.click(GeneratedJournal.click(1, 15));
            for (int n = 16; n < 20; n++) {
                writer.click(GeneratedJournal.click(1, n));
            }
            writer.nextSegment();
            writer.click(GeneratedJournal.click(1, 20));
        }
        TestJournalWriter.flipByte(sealed, bad + JournalFormat.FRAME_BYTES + 90);
        String db = newDatabase();
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        int status;
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            status = load("--journal", journal.toString(), "--db", db, "--batch", "3");
        } finally {
            System.setErr(err);
        }
        assertEquals(1, status);
        String message = captured.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains(sealed + ":" + bad + ": record CRC mismatch"), message);
        // Batches of 3 records: 0-2, 3-5, 6-8, 9+seal, 10-12 commit; 13, 14 and the bad record's batch does not.
        assertEquals(13, count(db, "SELECT count(*) FROM clicks"), "whole batches before the bad record only");
        assertEquals(14, count(db, "SELECT max(sequence) FROM clicks"));
        assertEquals(14, count(db, "SELECT sequence FROM journal_checkpoint"));
    }

    @Test
    void shouldLoadExactlyOnceWhenKilledAtRandomPointsAndRunAgain() throws Exception {
        Path journal = tmp.resolve("node1");
        int clicks = GeneratedJournal.write(journal, 1, 4, 5_000);
        String db = newDatabase();
        Random random = new Random(42);
        List<String> command = javaCommand("--journal", journal.toString(), "--db", db, "--batch", "700");
        for (int kill = 0; kill < 4; kill++) {
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            Thread.sleep(300 + random.nextInt(1500));
            process.destroyForcibly();
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
        }
        Process last = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(last.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(last.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, last.exitValue(), output);
        assertEquals(clicks, count(db, "SELECT count(*) FROM clicks"));
        assertEquals(clicks, count(db, "SELECT count(*) FROM (SELECT DISTINCT node, sequence FROM clicks) d"));
    }

    private static List<String> javaCommand(String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(LoadProcess.class.getName());
        command.addAll(List.of(args));
        return command;
    }
}

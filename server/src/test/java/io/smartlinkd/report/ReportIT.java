package io.smartlinkd.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smartlinkd.cli.Main;
import io.smartlinkd.loader.Dialect;
import io.smartlinkd.loader.EmbeddedPostgres;
import io.smartlinkd.loader.Schema;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Reports over a known click set, against numbers worked out by hand, on DuckDB and on PostgreSQL. */
@Timeout(120)
class ReportIT {
    @TempDir
    Path dir;

    private static void click(Connection db, int n, String day, String link, String partner, String country,
                              String device, String outcome, boolean bot, boolean unique, String code, String utm)
            throws SQLException {
        String sql = "INSERT INTO clicks VALUES (?, ?, 1, ?, 0, 0, 0, ?, ?, ?, false, 302, ?, ?, 0, 0, 'none', NULL,"
                + " 'go.example.com', ?, ?, ?, ?, ?, '', '', '', '', '', '')";
        try (PreparedStatement insert = db.prepareStatement(sql)) {
            insert.setString(1, "c" + n);
            insert.setTimestamp(2, Timestamp.valueOf(LocalDateTime.parse(day + "T12:00:00")));
            insert.setLong(3, n);
            insert.setString(4, outcome);
            insert.setBoolean(5, bot);
            insert.setBoolean(6, unique);
            insert.setString(7, country);
            insert.setString(8, device);
            insert.setString(9, link);
            insert.setString(10, link);
            insert.setString(11, partner);
            insert.setString(12, code);
            insert.setString(13, utm);
            insert.executeUpdate();
        }
    }

    private static void knownClicks(Connection db) throws SQLException {
        Schema.create(db);
        db.setAutoCommit(true);
        click(db, 1, "2026-11-01", "summer", "anna", "DE", "mobile", "redirected", false, true, "A1", "ig");
        click(db, 2, "2026-11-01", "summer", "anna", "DE", "mobile", "redirected", false, false, "", "ig");
        click(db, 3, "2026-11-02", "summer", "ben", "US", "desktop", "redirected", true, true, "", "tw");
        click(db, 4, "2026-11-02", "app", "", "US", "desktop", "redirected", false, true, "", "");
        click(db, 5, "2026-11-02", "", "", "--", "desktop", "not_found", false, false, "", "");
        click(db, 6, "2026-11-03", "summer", "ben", "FR", "tablet", "lost", false, true, "", "tw");
        db.createStatement().executeUpdate("INSERT INTO conversions VALUES ('c1', TIMESTAMP '2026-11-01 13:00:00',"
                + " 'summer', 'anna', 0, 2.50, 'EUR', 't1'), ('c4', TIMESTAMP '2026-11-02 13:00:00', 'app', '', 0, 1.25,"
                + " 'EUR', 't2'), ('c4', TIMESTAMP '2026-11-02 14:00:00', 'app', '', 0, 0.75, 'EUR', 't3')");
        db.createStatement().executeUpdate("INSERT INTO orders (order_id, click_id, time, code, total, currency)"
                + " VALUES ('o1', 'c1', TIMESTAMP '2026-11-01 13:30:00', 'A1', 100.00, 'EUR'),"
                + " ('o2', 'c2', TIMESTAMP '2026-11-01 15:00:00', '', 40.50, 'EUR'),"
                // A code another order had used: recorded, but neither an order nor revenue of the link.
                + " ('o3', 'c1', TIMESTAMP '2026-11-01 16:00:00', 'A1', 0, 'EUR')");
        db.createStatement().executeUpdate("UPDATE orders SET outcome = 'used' WHERE order_id = 'o3'");
    }

    private static ReportRow row(String key, long raw, long unique, long bot, long notFound, long lost, long human,
                                 long codes, long orders, String revenue, long conversions, String payout) {
        return new ReportRow(key, raw, unique, bot, notFound, lost, human, codes, orders, new BigDecimal(revenue),
                conversions, new BigDecimal(payout));
    }

    private static void assertHandComputedNumbers(Connection db) throws SQLException {
        List<ReportRow> byLink = ClickReport.run(db, Dimension.LINK, null, null);
        assertEquals(List.of(
                row("summer", 4, 3, 1, 0, 1, 3, 1, 2, "140.50", 1, "2.50"),
                row("app", 1, 1, 0, 0, 0, 1, 0, 0, "0.00", 2, "2.00"),
                row("", 0, 0, 0, 1, 0, 0, 0, 0, "0.00", 0, "0.00")), byLink);
        assertEquals(new BigDecimal("0.8333"), byLink.get(0).epc());
        assertEquals(new BigDecimal("0.3333"), byLink.get(0).cr());
        assertEquals(new BigDecimal("2.0000"), byLink.get(1).epc());

        assertEquals(List.of(row("2026-11-02", 2, 2, 1, 1, 0, 1, 0, 0, "0.00", 2, "2.00")),
                ClickReport.run(db, Dimension.DAY, LocalDate.parse("2026-11-02"), LocalDate.parse("2026-11-02")));
        List<ReportRow> byPartner = ClickReport.run(db, Dimension.PARTNER, null, null);
        assertEquals(row("anna", 2, 1, 0, 0, 0, 2, 1, 2, "140.50", 1, "2.50"), byPartner.get(0));
        assertEquals(row("ben", 2, 2, 1, 0, 1, 1, 0, 0, "0.00", 0, "0.00"), byPartner.get(1));
        List<ReportRow> byCountry = ClickReport.run(db, Dimension.COUNTRY, null, null);
        assertEquals(row("US", 2, 2, 1, 0, 0, 1, 0, 0, "0.00", 2, "2.00"), byCountry.get(1));
        assertEquals(row("ig", 2, 1, 0, 0, 0, 2, 1, 2, "140.50", 1, "2.50"),
                ClickReport.run(db, Dimension.UTM_SOURCE, null, null).get(0));
        assertEquals(row("desktop", 2, 2, 1, 1, 0, 1, 0, 0, "0.00", 2, "2.00"),
                ClickReport.run(db, Dimension.DEVICE, null, null).get(0));
    }

    @Test
    void shouldMatchHandComputedNumbersOnDuckDb() throws Exception {
        String file = dir.resolve("report.duckdb").toString();
        try (Connection db = Dialect.connect(file)) {
            knownClicks(db);
            assertHandComputedNumbers(db);
            List<ReportRow> byLink = ClickReport.run(db, Dimension.LINK, null, null);
            assertEquals("""
                    key,raw,unique,bot,not_found,lost,codes,orders,revenue,conversions,payout,epc,cr\r
                    summer,4,3,1,0,1,1,2,140.50,1,2.50,0.8333,0.3333\r
                    app,1,1,0,0,0,0,0,0.00,2,2.00,2.0000,2.0000\r
                    ,0,0,0,1,0,0,0,0.00,0,0.00,0.0000,0.0000\r
                    """, ReportFormat.CSV.render(byLink));
            String json = ReportFormat.JSON.render(byLink);
            assertTrue(json.contains("{\"key\": \"summer\", \"raw\": 4, \"unique\": 3, \"bot\": 1, \"not_found\": 0,"
                    + " \"lost\": 1, \"codes\": 1, \"orders\": 2, \"revenue\": 140.50, \"conversions\": 1,"
                    + " \"payout\": 2.50, \"epc\": 0.8333, \"cr\": 0.3333}"), json);
            String table = ReportFormat.TABLE.render(byLink);
            assertTrue(table.startsWith("key     raw  unique  bot  not_found  lost  codes  orders  revenue"), table);
        }
        assertEquals(0, Main.run("report", "--db", file, "--by", "partner", "--format", "json"));
        assertEquals(2, Main.run("report", "--db", file, "--by", "planet"));
    }

    @Test
    void shouldMatchHandComputedNumbersOnPostgres() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.start()) {
            String url = postgres.createDatabase();
            try (Connection db = Dialect.connect(url)) {
                knownClicks(db);
                assertHandComputedNumbers(db);
            }
        }
    }
}

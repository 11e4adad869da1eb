package io.smartlinkd.report;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Clicks, codes, orders and conversions grouped by one {@link Dimension}, over the tables the loader fills. One
 * SQL text runs on DuckDB and PostgreSQL; orders and conversions join on the click id. The group key is cast to
 * text: DuckDB stores some labels as ENUMs (see {@code Schema}), which would otherwise sort in declaration order.
 */
public final class ClickReport {
    private ClickReport() {
    }

    /**
     * @param from first day included (UTC), or null
     * @param to   last day included (UTC), or null
     */
    public static List<ReportRow> run(Connection connection, Dimension by, LocalDate from, LocalDate to)
            throws SQLException {
        String sql = """
                WITH c AS (
                    SELECT CAST(%s AS VARCHAR) AS report_key, click_id, outcome, bot, unique_click, discount_code
                    FROM clicks WHERE time >= ? AND time < ?),
                conv AS (SELECT click_id, COUNT(*) AS n, SUM(payout) AS payout FROM conversions GROUP BY click_id),
                ord AS (SELECT click_id, COUNT(DISTINCT order_id) AS n, SUM(total) AS total FROM orders
                        WHERE outcome = 'redeemed' GROUP BY click_id)
                SELECT c.report_key,
                    SUM(CASE WHEN c.outcome <> 'not_found' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.outcome <> 'not_found' AND c.unique_click THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.outcome <> 'not_found' AND c.bot THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.outcome = 'not_found' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.outcome = 'lost' THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.outcome <> 'not_found' AND NOT c.bot THEN 1 ELSE 0 END),
                    SUM(CASE WHEN c.discount_code <> '' THEN 1 ELSE 0 END),
                    COALESCE(SUM(ord.n), 0), COALESCE(SUM(ord.total), 0),
                    COALESCE(SUM(conv.n), 0), COALESCE(SUM(conv.payout), 0)
                FROM c
                LEFT JOIN conv ON conv.click_id = c.click_id
                LEFT JOIN ord ON ord.click_id = c.click_id
                GROUP BY c.report_key
                ORDER BY 2 DESC, 1""".formatted(by.expression());
        List<ReportRow> rows = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setTimestamp(1, Timestamp.valueOf((from == null ? LocalDate.of(1970, 1, 1) : from).atStartOfDay()));
            statement.setTimestamp(2, Timestamp.valueOf((to == null ? LocalDate.of(9999, 1, 1) : to.plusDays(1))
                    .atStartOfDay()));
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new ReportRow(result.getString(1), result.getLong(2), result.getLong(3), result.getLong(4),
                            result.getLong(5), result.getLong(6), result.getLong(7), result.getLong(8),
                            result.getLong(9), money(result.getBigDecimal(10)), result.getLong(11),
                            money(result.getBigDecimal(12))));
                }
            }
        }
        return rows;
    }

    private static BigDecimal money(BigDecimal value) {
        return (value == null ? BigDecimal.ZERO : value).setScale(2, java.math.RoundingMode.HALF_EVEN);
    }
}

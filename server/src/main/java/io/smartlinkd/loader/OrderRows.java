package io.smartlinkd.loader;

import io.smartlinkd.journal.OrderRecord;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Order rows of the batch being loaded. Orders are a handful per thousand clicks, so a batched {@code INSERT}
 * in the batch's own transaction (just before its checkpoint) is plenty; it works the same on both databases.
 */
final class OrderRows {
    private static final String INSERT = "INSERT INTO orders (order_id, click_id, time, code, total, currency, node,"
            + " sequence, source, outcome, discount_id, link_id, partner) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            // A webhook delivery retried after a crash mid-delivery journals the same codes again: first row wins.
            + " ON CONFLICT (source, order_id, code) DO NOTHING";

    private record Row(int node, long sequence, OrderRecord order) {
    }

    private final List<Row> pending = new ArrayList<>();

    void add(int node, long sequence, OrderRecord order) {
        pending.add(new Row(node, sequence, order));
    }

    /** Inserts the pending rows into the open transaction. */
    void write(Connection connection) throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = connection.prepareStatement(INSERT)) {
            for (Row row : pending) {
                OrderRecord order = row.order();
                insert.setString(1, order.orderId());
                insert.setString(2, order.clickId().isEmpty() ? null : order.clickId());
                insert.setTimestamp(3, Timestamp.valueOf(Instant.ofEpochMilli(order.timeMs())
                        .atOffset(ZoneOffset.UTC).toLocalDateTime()));
                insert.setString(4, order.code());
                insert.setBigDecimal(5, BigDecimal.valueOf(order.revenueMicros(), 6));
                insert.setString(6, order.currency());
                insert.setInt(7, row.node());
                insert.setLong(8, row.sequence());
                insert.setString(9, order.source());
                insert.setString(10, order.outcome().label());
                insert.setString(11, order.discountId());
                insert.setString(12, order.linkId());
                insert.setString(13, order.partner());
                insert.addBatch();
            }
            insert.executeBatch();
        }
        pending.clear();
    }

    void clear() {
        pending.clear();
    }
}

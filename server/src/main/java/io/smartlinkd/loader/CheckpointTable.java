package io.smartlinkd.loader;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads and advances {@code journal_checkpoint}. Advancing is a compare-and-set on the previous position inside the
 * caller's transaction: a second loader racing on the same node makes one of them fail instead of loading twice.
 */
final class CheckpointTable {
    private CheckpointTable() {
    }

    /** The stored checkpoint of {@code node}, or null before its first load. */
    static Checkpoint read(Connection connection, int node) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT segment, \"offset\", sequence FROM journal_checkpoint WHERE node = ?")) {
            select.setInt(1, node);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? new Checkpoint(node, row.getLong(1), row.getLong(2), row.getLong(3)) : null;
            }
        }
    }

    /** Moves the checkpoint from {@code previous} (null: none yet) to {@code next}; does not commit. */
    static void advance(Connection connection, Checkpoint previous, Checkpoint next) throws SQLException {
        if (previous == null) {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO journal_checkpoint (node, segment, \"offset\", sequence) VALUES (?, ?, ?, ?)")) {
                insert.setInt(1, next.node());
                insert.setLong(2, next.segment());
                insert.setLong(3, next.offset());
                insert.setLong(4, next.sequence());
                insert.executeUpdate();
            }
            return;
        }
        try (PreparedStatement update = connection.prepareStatement("UPDATE journal_checkpoint"
                + " SET segment = ?, \"offset\" = ?, sequence = ? WHERE node = ? AND segment = ? AND \"offset\" = ?")) {
            update.setLong(1, next.segment());
            update.setLong(2, next.offset());
            update.setLong(3, next.sequence());
            update.setInt(4, next.node());
            update.setLong(5, previous.segment());
            update.setLong(6, previous.offset());
            if (update.executeUpdate() != 1) {
                throw new SQLException("journal_checkpoint of node " + next.node() + " moved under us (expected "
                        + previous + "): is another loader running for this node?");
            }
        }
    }
}

package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickRecordView;
import java.sql.SQLException;

/**
 * Where loaded clicks go: a database reached through its bulk path. Rows added since the last commit are written
 * together with the new checkpoint in one transaction; until then they are invisible and a crash loses only them.
 * One thread.
 */
public interface ClickStore extends AutoCloseable {
    /** The stored checkpoint of {@code node}, or null before its first load. */
    Checkpoint checkpoint(int node) throws SQLException;

    /** Queues one click row for the current transaction. */
    void add(int node, long sequence, ClickRecordView click) throws SQLException;

    /** Queues one order row (a code of an order, see {@link io.smartlinkd.journal.OrderRecord}). */
    void addOrder(int node, long sequence, io.smartlinkd.journal.OrderRecord order) throws SQLException;

    /** Writes the queued rows and moves the checkpoint from {@code previous} to {@code next}, atomically. */
    void commit(Checkpoint previous, Checkpoint next) throws SQLException;

    @Override
    void close() throws SQLException;

    /** Opens the store for a {@code --db} argument and creates the schema when missing. */
    static ClickStore open(String db) throws SQLException {
        return switch (Dialect.of(db)) {
            case DUCKDB -> new DuckDbClickStore(Dialect.connect(db));
            case POSTGRESQL -> new PostgresClickStore(Dialect.connect(db));
        };
    }
}

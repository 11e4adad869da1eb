package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.ClickRecordView;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB through its Appender: rows go straight into the table's column vectors inside the connection's open
 * transaction, so {@link #commit} flushes them and writes the checkpoint before one {@code COMMIT}.
 *
 * <p>The Appender joins a transaction only if one is already active, and with auto-commit off the JDBC driver
 * starts one lazily at the next statement. Without a statement first, the Appender's own flushes (every few
 * thousand rows, and on close) would each commit on their own, outside the checkpoint's transaction; so the first
 * row of every batch runs a trivial query to open it.
 *
 * <p>Cost, measured (README, loader figures): almost all of it is DuckDB's own work per string column and row
 * (statistics, string heap, compression when a row group of 122,880 rows is written), so batches should span
 * several row groups; then DuckDB writes them to the database file during the transaction instead of to the WAL.
 * On the Java side repeated strings come from {@link StringCache}s, and labels are constants. One DuckDB thread.
 */
final class DuckDbClickStore implements ClickStore {
    private final Connection connection;
    private final StringCache country = new StringCache(StringCache.Decoding.UTF8, 512);
    private final StringCache ip = new StringCache(StringCache.Decoding.HEX, 4096);
    private final StringCache[] strings = new StringCache[ClickLayout.STRING_COUNT];
    private final Statement opener;
    private DuckDBAppender appender;
    private boolean inTransaction;
    private final OrderRows orders = new OrderRows();

    DuckDbClickStore(Connection connection) throws SQLException {
        this.connection = connection;
        this.opener = connection.createStatement();
        // Appending runs in this thread; DuckDB's other workers would only wait for tasks, which cost a quarter of
        // the process's CPU on two cores (measured) and slowed the load on a busy machine. Reports open their own
        // DuckDB with the default.
        opener.execute("SET threads = 1");
        Schema.create(connection);
        for (int i = 0; i < strings.length; i++) {
            strings[i] = new StringCache(StringCache.Decoding.UTF8, 1024);
        }
    }

    @Override
    public Checkpoint checkpoint(int node) throws SQLException {
        Checkpoint checkpoint = CheckpointTable.read(connection, node);
        connection.commit();
        return checkpoint;
    }

    @Override
    public void add(int node, long sequence, ClickRecordView click) throws SQLException {
        if (!inTransaction) {
            opener.execute("SELECT 1");
            inTransaction = true;
        }
        if (appender == null) {
            appender = connection.unwrap(DuckDBConnection.class).createAppender("main", "clicks");
        }
        DuckDBAppender row = appender.beginRow();
        String clickId = click.clickId();
        if (clickId == null) {
            row.appendNull();
        } else {
            row.append(clickId);
        }
        ByteBuffer bytes = click.buffer();
        row.appendEpochMicros(Math.multiplyExact(click.timeMs(), 1000L))
                .append(node)
                .append(sequence)
                .append(click.linkNumber())
                .append(click.offerNumber())
                .append(click.ruleNumber())
                .append(ClickLabels.outcome(click.outcomeCode()))
                .append(click.bot())
                .append(click.unique())
                .append(click.prefetch())
                .append(click.httpStatus())
                .append(country.get(bytes, click.payloadOffset() + ClickLayout.COUNTRY, 2))
                .append(ClickLabels.device(click.deviceCode()))
                .append(click.osCode())
                .append(click.browserCode())
                .append(ClickLabels.ipForm(click.ipForm()));
        int ipLength = click.ipLength();
        if (ipLength == 0) {
            row.appendNull();
        } else {
            row.append(ip.get(bytes, click.payloadOffset() + ClickLayout.IP, ipLength));
        }
        for (int i = 0; i < ClickLayout.STRING_COUNT; i++) {
            row.append(strings[i].get(bytes, click.stringOffset(i), click.stringLength(i)));
        }
        row.endRow();
    }

    @Override
    public void commit(Checkpoint previous, Checkpoint next) throws SQLException {
        try {
            if (appender != null) {
                appender.flush();
            }
            orders.write(connection);
            CheckpointTable.advance(connection, previous, next);
            connection.commit();
            inTransaction = false;
        } catch (SQLException | RuntimeException e) {
            orders.clear();
            closeAppender();
            connection.rollback();
            inTransaction = false;
            throw e;
        }
    }

    @Override
    public void addOrder(int node, long sequence, io.smartlinkd.journal.OrderRecord order) {
        orders.add(node, sequence, order);
    }

    private void closeAppender() throws SQLException {
        if (appender != null) {
            DuckDBAppender closing = appender;
            appender = null;
            closing.close();
        }
    }

    /**
     * Discards rows added since the last commit. Closing an appender flushes it into the open transaction, and
     * closing a DuckDB connection commits that transaction, so without the rollback a failed batch would persist
     * without its checkpoint and load twice on the next run.
     */
    @Override
    public void close() throws SQLException {
        try {
            closeAppender();
            connection.rollback();
        } finally {
            connection.close();
        }
    }
}

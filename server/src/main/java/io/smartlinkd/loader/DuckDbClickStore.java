package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.ClickRecordView;
import java.sql.Connection;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB through its Appender: rows go straight into the table's column vectors inside the connection's open
 * transaction, so {@link #commit} flushes them and writes the checkpoint before one {@code COMMIT}.
 */
final class DuckDbClickStore implements ClickStore {
    private final Connection connection;
    private final byte[] ip = new byte[ClickLayout.IP_BYTES];
    private DuckDBAppender appender;

    DuckDbClickStore(Connection connection) throws SQLException {
        this.connection = connection;
        Schema.create(connection);
    }

    @Override
    public Checkpoint checkpoint(int node) throws SQLException {
        Checkpoint checkpoint = CheckpointTable.read(connection, node);
        connection.commit();
        return checkpoint;
    }

    @Override
    public void add(int node, long sequence, ClickRecordView click) throws SQLException {
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
        row.appendEpochMillis(click.timeMs())
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
                .append(click.country())
                .append(ClickLabels.device(click.deviceCode()))
                .append(click.osCode())
                .append(click.browserCode())
                .append(ClickLabels.ipForm(click.ipForm()));
        int ipLength = click.ipLength();
        if (ipLength == 0) {
            row.appendNull();
        } else {
            for (int i = 0; i < ipLength; i++) {
                ip[i] = click.ipByte(i);
            }
            row.append(ClickLabels.hex(ip, ipLength));
        }
        for (int i = 0; i < ClickLayout.STRING_COUNT; i++) {
            row.append(click.string(i));
        }
        row.endRow();
    }

    @Override
    public void commit(Checkpoint previous, Checkpoint next) throws SQLException {
        try {
            if (appender != null) {
                appender.flush();
            }
            CheckpointTable.advance(connection, previous, next);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            closeAppender();
            connection.rollback();
            throw e;
        }
    }

    private void closeAppender() throws SQLException {
        if (appender != null) {
            DuckDBAppender closing = appender;
            appender = null;
            closing.close();
        }
    }

    @Override
    public void close() throws SQLException {
        try {
            closeAppender();
        } finally {
            connection.close();
        }
    }
}

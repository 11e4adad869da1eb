package io.smartlinkd.loader;

import io.smartlinkd.journal.ClickLayout;
import io.smartlinkd.journal.ClickRecordView;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * PostgreSQL through {@code COPY clicks FROM STDIN} (text format): a COPY is opened with the first row of a
 * transaction, rows stream to the server in chunks as they are built, and {@link #commit} ends the COPY, moves the
 * checkpoint and commits — all in one transaction.
 */
final class PostgresClickStore implements ClickStore {
    private static final int CHUNK_BYTES = 256 * 1024;
    private static final String COPY_SQL = "COPY clicks (" + String.join(", ", Schema.CLICK_COLUMNS)
            + ") FROM STDIN (FORMAT text)";

    private final Connection connection;
    private final OrderRows orders = new OrderRows();
    private final CopyTextBuffer text = new CopyTextBuffer(CHUNK_BYTES + 4096);
    private final byte[] ip = new byte[ClickLayout.IP_BYTES];
    private CopyIn copy;

    PostgresClickStore(Connection connection) throws SQLException {
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
        if (copy == null) {
            copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
        }
        if (click.hasClickId()) {
            text.addUtf8(click.buffer(), clickIdOffset(click), ClickLayout.CLICK_ID_BYTES);
        } else {
            text.addNull();
        }
        text.addTimestamp(click.timeMs());
        text.add(node);
        text.add(sequence);
        text.add(click.linkNumber());
        text.add(click.offerNumber());
        text.add(click.ruleNumber());
        text.addAscii(ClickLabels.outcome(click.outcomeCode()));
        text.add(click.bot());
        text.add(click.unique());
        text.add(click.prefetch());
        text.add(click.httpStatus());
        text.addUtf8(click.buffer(), countryOffset(click), 2);
        text.addAscii(ClickLabels.device(click.deviceCode()));
        text.add(click.osCode());
        text.add(click.browserCode());
        text.addAscii(ClickLabels.ipForm(click.ipForm()));
        int ipLength = click.ipLength();
        if (ipLength == 0) {
            text.addNull();
        } else {
            for (int i = 0; i < ipLength; i++) {
                ip[i] = click.ipByte(i);
            }
            text.addHex(ip, ipLength);
        }
        for (int i = 0; i < ClickLayout.STRING_COUNT; i++) {
            text.addUtf8(click.buffer(), click.stringOffset(i), click.stringLength(i));
        }
        text.endRow();
        if (text.length() >= CHUNK_BYTES) {
            send();
        }
    }

    private static int clickIdOffset(ClickRecordView click) {
        return click.payloadOffset() + ClickLayout.CLICK_ID;
    }

    private static int countryOffset(ClickRecordView click) {
        return click.payloadOffset() + ClickLayout.COUNTRY;
    }

    private void send() throws SQLException {
        copy.writeToCopy(text.bytes(), 0, text.length());
        text.clear();
    }

    @Override
    public void commit(Checkpoint previous, Checkpoint next) throws SQLException {
        try {
            if (copy != null) {
                send();
                CopyIn finishing = copy;
                copy = null;
                finishing.endCopy();
            }
            orders.write(connection);
            CheckpointTable.advance(connection, previous, next);
            connection.commit();
        } catch (SQLException | RuntimeException e) {
            orders.clear();
            abandon();
            throw e;
        }
    }

    @Override
    public void addOrder(int node, long sequence, io.smartlinkd.journal.OrderRecord order) {
        orders.add(node, sequence, order);
    }

    private void abandon() throws SQLException {
        text.clear();
        if (copy != null) {
            CopyIn cancelling = copy;
            copy = null;
            if (cancelling.isActive()) {
                cancelling.cancelCopy();
            }
        }
        connection.rollback();
    }

    @Override
    public void close() throws SQLException {
        try {
            if (copy != null) {
                abandon();
            }
        } finally {
            connection.close();
        }
    }
}

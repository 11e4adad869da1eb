package io.smartlinkd.loader;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.StringJoiner;
import java.util.function.IntFunction;

/**
 * The tables the loader fills and reports read, created when missing. DuckDB and PostgreSQL share the SQL apart
 * from the three coded labels of {@code clicks} ({@code outcome}, {@code device}, {@code ip_form}): PostgreSQL keeps
 * them as {@code VARCHAR}; DuckDB stores them as {@code ENUM}s, which read, compare and insert as the same strings but
 * are stored as one small integer, where a {@code VARCHAR} column costs DuckDB string statistics and dictionary work
 * on every row it loads. Each ENUM lists the label of every code a journal byte can carry (see {@link ClickLabels}),
 * so no record is refused. A DuckDB file created before keeps its {@code VARCHAR} columns; the loader writes either.
 * Times are {@code TIMESTAMP} without zone holding UTC. Column order of {@code clicks} is the order the bulk writers
 * emit, so it must change together with them.
 */
public final class Schema {
    static final String[] CLICK_COLUMNS = {
        "click_id", "time", "node", "sequence", "link_number", "offer_number", "rule_number", "outcome", "bot",
        "unique_click", "prefetch", "http_status", "country", "device", "os", "browser", "ip_form", "ip", "domain",
        "link_id", "slug", "partner", "discount_code", "utm_source", "sub1", "sub2", "sub3", "sub4", "sub5", "decision"};

    private static final String CLICKS = """
            CREATE TABLE IF NOT EXISTS clicks (
                click_id VARCHAR(36),
                time TIMESTAMP NOT NULL,
                node INTEGER NOT NULL,
                sequence BIGINT NOT NULL,
                link_number BIGINT NOT NULL,
                offer_number INTEGER NOT NULL,
                rule_number INTEGER NOT NULL,
                outcome %s NOT NULL,
                bot BOOLEAN NOT NULL,
                unique_click BOOLEAN NOT NULL,
                prefetch BOOLEAN NOT NULL,
                http_status INTEGER NOT NULL,
                country VARCHAR(2) NOT NULL,
                device %s NOT NULL,
                os INTEGER NOT NULL,
                browser INTEGER NOT NULL,
                ip_form %s NOT NULL,
                ip VARCHAR(32),
                domain VARCHAR NOT NULL,
                link_id VARCHAR NOT NULL,
                slug VARCHAR NOT NULL,
                partner VARCHAR NOT NULL,
                discount_code VARCHAR NOT NULL,
                utm_source VARCHAR NOT NULL,
                sub1 VARCHAR NOT NULL,
                sub2 VARCHAR NOT NULL,
                sub3 VARCHAR NOT NULL,
                sub4 VARCHAR NOT NULL,
                sub5 VARCHAR NOT NULL,
                decision VARCHAR NOT NULL,
                PRIMARY KEY (node, sequence))""";

    private static final String[] OTHER_DDL = {
        """
        CREATE TABLE IF NOT EXISTS conversions (
            click_id VARCHAR(36) NOT NULL,
            time TIMESTAMP NOT NULL,
            link_id VARCHAR NOT NULL,
            partner VARCHAR NOT NULL,
            offer INTEGER NOT NULL,
            payout DECIMAL(18, 4) NOT NULL,
            currency VARCHAR(3) NOT NULL,
            txid VARCHAR NOT NULL)""",
        """
        CREATE TABLE IF NOT EXISTS orders (
            order_id VARCHAR NOT NULL,
            click_id VARCHAR(36),
            time TIMESTAMP NOT NULL,
            code VARCHAR NOT NULL,
            total DECIMAL(18, 4) NOT NULL,
            currency VARCHAR(3) NOT NULL)""",
        // Databases made before orders were loaded have the first six columns only (and no rows).
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS node INTEGER DEFAULT 0",
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS sequence BIGINT DEFAULT 0",
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS source VARCHAR DEFAULT ''",
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS outcome VARCHAR DEFAULT 'redeemed'",
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS discount_id VARCHAR DEFAULT ''",
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS link_id VARCHAR DEFAULT ''",
        "ALTER TABLE orders ADD COLUMN IF NOT EXISTS partner VARCHAR DEFAULT ''",
        // One row per code of an order: a delivery retried after a crash journals its codes again.
        "CREATE UNIQUE INDEX IF NOT EXISTS orders_order_code ON orders (source, order_id, code)",
        """
        CREATE TABLE IF NOT EXISTS journal_checkpoint (
            node INTEGER PRIMARY KEY,
            segment BIGINT NOT NULL,
            "offset" BIGINT NOT NULL,
            sequence BIGINT NOT NULL)"""
    };

    private Schema() {
    }

    /** Creates whatever is missing and commits. */
    public static void create(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(clicksDdl(Dialect.of(connection)));
            // Databases created before routing decisions were recorded: the column goes last either way, where the
            // bulk writers put it.
            statement.execute("ALTER TABLE clicks ADD COLUMN IF NOT EXISTS decision VARCHAR DEFAULT ''");
            for (String ddl : OTHER_DDL) {
                statement.execute(ddl);
            }
        }
        connection.commit();
    }

    static String clicksDdl(Dialect dialect) {
        if (dialect == Dialect.POSTGRESQL) {
            return CLICKS.formatted("VARCHAR(16)", "VARCHAR(16)", "VARCHAR(16)");
        }
        return CLICKS.formatted(labelEnum(ClickLabels::outcome), labelEnum(ClickLabels::device),
                labelEnum(ClickLabels::ipForm));
    }

    /** {@code ENUM('label of code 0', ..., 'label of code 255')}: labels are ASCII without quotes. */
    private static String labelEnum(IntFunction<String> label) {
        StringJoiner values = new StringJoiner("', '", "ENUM('", "')");
        for (int code = 0; code < ClickLabels.CODES; code++) {
            values.add(label.apply(code));
        }
        return values.toString();
    }
}

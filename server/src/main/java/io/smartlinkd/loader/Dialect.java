package io.smartlinkd.loader;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/** The two databases the loader and reports speak to, and how a {@code --db} argument picks one. */
public enum Dialect {
    DUCKDB, POSTGRESQL;

    private static final String POSTGRES_PREFIX = "jdbc:postgresql:";
    private static final String DUCKDB_PREFIX = "jdbc:duckdb:";

    /** {@code jdbc:postgresql://...} is PostgreSQL; anything else is a DuckDB file path (or a jdbc:duckdb: URL). */
    public static Dialect of(String db) {
        return db.startsWith(POSTGRES_PREFIX) ? POSTGRESQL : DUCKDB;
    }

    /** The dialect of an open connection, by the product name its driver reports. */
    public static Dialect of(Connection connection) throws SQLException {
        return connection.getMetaData().getDatabaseProductName().startsWith("PostgreSQL") ? POSTGRESQL : DUCKDB;
    }

    public static String jdbcUrl(String db) {
        return db.startsWith(POSTGRES_PREFIX) || db.startsWith(DUCKDB_PREFIX) ? db : DUCKDB_PREFIX + db;
    }

    /** Opens a connection with auto-commit off: every write belongs to an explicit transaction. */
    public static Connection connect(String db) throws SQLException {
        Connection connection = DriverManager.getConnection(jdbcUrl(db));
        connection.setAutoCommit(false);
        return connection;
    }
}

package io.smartlinkd.loader;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The tables the loader fills and reports read, created when missing. One SQL text serves DuckDB and PostgreSQL.
 * Times are {@code TIMESTAMP} without zone holding UTC. Column order of {@code clicks} is the order the bulk
 * writers emit, so it must change together with them.
 */
public final class Schema {
    static final String[] CLICK_COLUMNS = {
        "click_id", "time", "node", "sequence", "link_number", "offer_number", "rule_number", "outcome", "bot",
        "unique_click", "prefetch", "http_status", "country", "device", "os", "browser", "ip_form", "ip", "domain",
        "link_id", "slug", "partner", "discount_code", "utm_source", "sub1", "sub2", "sub3", "sub4", "sub5"};

    private static final String[] DDL = {
        """
        CREATE TABLE IF NOT EXISTS clicks (
            click_id VARCHAR(36),
            time TIMESTAMP NOT NULL,
            node INTEGER NOT NULL,
            sequence BIGINT NOT NULL,
            link_number BIGINT NOT NULL,
            offer_number INTEGER NOT NULL,
            rule_number INTEGER NOT NULL,
            outcome VARCHAR(16) NOT NULL,
            bot BOOLEAN NOT NULL,
            unique_click BOOLEAN NOT NULL,
            prefetch BOOLEAN NOT NULL,
            http_status INTEGER NOT NULL,
            country VARCHAR(2) NOT NULL,
            device VARCHAR(8) NOT NULL,
            os INTEGER NOT NULL,
            browser INTEGER NOT NULL,
            ip_form VARCHAR(8) NOT NULL,
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
            PRIMARY KEY (node, sequence))""",
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
            for (String ddl : DDL) {
                statement.execute(ddl);
            }
        }
        connection.commit();
    }
}

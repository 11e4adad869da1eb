package io.smartlinkd.cli;

import io.smartlinkd.loader.Dialect;
import io.smartlinkd.report.ClickReport;
import io.smartlinkd.report.Dimension;
import io.smartlinkd.report.ReportFormat;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code smartlinkd report --db DB --by DIM [--from --to] [--format table|csv|json]}. */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Clicks, codes, orders, conversions, EPC and CR from a loaded database, grouped by one dimension.")
final class ReportCommand implements Callable<Integer> {
    @Option(names = "--db", required = true, paramLabel = "DB",
            description = "DuckDB file path, or jdbc:postgresql://host/db?user=...")
    String db;

    @Option(names = "--by", required = true, paramLabel = "DIM",
            description = "link, partner, country, device, os, utm_source or day.")
    String by;

    @Option(names = "--from", paramLabel = "YYYY-MM-DD", description = "First day included (UTC).")
    LocalDate from;

    @Option(names = "--to", paramLabel = "YYYY-MM-DD", description = "Last day included (UTC).")
    LocalDate to;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "table", description = "table, csv or json.")
    String format;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Dimension dimension;
        ReportFormat output;
        try {
            dimension = Dimension.valueOf(by.toUpperCase(java.util.Locale.ROOT));
            output = ReportFormat.valueOf(format.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            spec.commandLine().getErr().println("report: --by must be link, partner, country, device, os, utm_source"
                    + " or day, and --format table, csv or json");
            return 2;
        }
        try (Connection connection = Dialect.connect(db)) {
            spec.commandLine().getOut().print(output.render(ClickReport.run(connection, dimension, from, to)));
            spec.commandLine().getOut().flush();
            return 0;
        } catch (SQLException e) {
            spec.commandLine().getErr().println("report: " + e.getMessage());
            return 2;
        }
    }
}

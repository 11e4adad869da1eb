package io.smartlinkd.loader;

/** The loader contract on an embedded DuckDB file. */
class DuckDbLoaderIT extends LoaderContractIT {
    private int databases;

    @Override
    String newDatabase() {
        return tmp.resolve("clicks-" + (++databases) + ".duckdb").toString();
    }
}

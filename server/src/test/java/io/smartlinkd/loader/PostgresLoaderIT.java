package io.smartlinkd.loader;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The loader contract on a real PostgreSQL cluster started from the machine's binaries. */
class PostgresLoaderIT extends LoaderContractIT {
    private static EmbeddedPostgres postgres;

    @BeforeAll
    static void startPostgres() throws Exception {
        postgres = EmbeddedPostgres.start();
    }

    @AfterAll
    static void stopPostgres() throws Exception {
        if (postgres != null) {
            postgres.close();
        }
    }

    @Override
    String newDatabase() throws Exception {
        return postgres.createDatabase();
    }
}

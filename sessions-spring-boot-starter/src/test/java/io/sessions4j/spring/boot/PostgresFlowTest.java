package io.sessions4j.spring.boot;

import io.sessions4j.testkit.TestServices;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The db engine on the application's PostgreSQL DataSource, in a table of this test's own (the real service:
 * CI requires it).
 */
class PostgresFlowTest extends SpringSecurityFlowTest {

    @BeforeAll
    void requirePostgres() {
        TestServices.assumePostgres();
    }

    private final String table = "boot_flow_" + Long.toString(System.nanoTime(), 36);

    @Override
    protected Map<String, String> storageProperties() {
        return Map.of("spring.datasource.url", TestServices.postgresUrl(), "sessions.db.table", table);
    }

    @AfterAll
    void dropTables() throws Exception {
        try (Connection c = DriverManager.getConnection(TestServices.postgresUrl());
             Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + table);
            s.execute("DROP TABLE IF EXISTS " + table + "_s4j_history");
            s.execute("DROP TABLE IF EXISTS " + table + "_principal"); // sessions by user (migration V2)
        }
    }
}

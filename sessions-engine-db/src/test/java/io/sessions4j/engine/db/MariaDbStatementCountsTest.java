package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** Statement counts on MariaDB, over an application's HikariCP pool. */
@DisplayName("db engine on MariaDB: statements per operation")
class MariaDbStatementCountsTest extends ServerStatementCountsTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}

package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** Statement counts on PostgreSQL, over an application's HikariCP pool. */
@DisplayName("db engine on PostgreSQL: statements per operation")
class PostgresStatementCountsTest extends ServerStatementCountsTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}

package io.sessions4j.engine.db;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.testkit.TestServices;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/** Statement counts on PostgreSQL, over an application's HikariCP pool. */
@DisplayName("db engine on PostgreSQL: statements per operation")
class PostgresStatementCountsTest extends AbstractStatementCountsTest {
    private final String table = TestDatabase.uniqueName("s4j_counts");
    private HikariDataSource pool;

    @Override
    protected DataSource targetDataSource() {
        TestServices.assumePostgres();
        pool = new HikariDataSource();
        pool.setJdbcUrl(TestDatabase.POSTGRES.url());
        pool.setMaximumPoolSize(2);
        return pool;
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of("sessions.db.table", table);
    }

    @AfterAll
    void dropTableAndClosePool() {
        if (pool != null) {
            pool.close();
            TestDatabase.POSTGRES.dropSessionTable(table);
        }
    }
}

package io.sessions4j.engine.db;

import com.zaxxer.hikari.HikariDataSource;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;

/** Statement counts on a database server, over an application's HikariCP pool; one subclass per server. */
abstract class ServerStatementCountsTest extends AbstractStatementCountsTest {
    private final String table = TestDatabase.uniqueName("s4j_counts");
    private HikariDataSource pool;

    /** The server; the tests are skipped (or fail in CI) when it is down. */
    protected abstract TestDatabase database();

    @Override
    protected DataSource targetDataSource() {
        database().assumeUp();
        pool = new HikariDataSource();
        pool.setJdbcUrl(database().url());
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
            database().dropSessionTable(table);
        }
    }
}

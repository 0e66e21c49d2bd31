package io.sessions4j.engine.db;

import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.DisplayName;

/** Statement counts on H2, over a plain (unpooled) application DataSource. */
@DisplayName("db engine on H2: statements per operation")
class H2StatementCountsTest extends AbstractStatementCountsTest {

    @Override
    protected DataSource targetDataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        // DB_CLOSE_DELAY keeps the database while no connection is open: this DataSource does not pool.
        ds.setURL("jdbc:h2:mem:counts_" + UUID.randomUUID().toString().replace("-", "") + ";DB_CLOSE_DELAY=-1");
        return ds;
    }

    @Override
    protected Map<String, String> properties() {
        return Map.of();
    }
}

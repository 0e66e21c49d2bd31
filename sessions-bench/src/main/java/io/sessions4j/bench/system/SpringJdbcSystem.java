package io.sessions4j.bench.system;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.bench.BenchConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import javax.sql.DataSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.session.SessionRepository;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Spring Session JDBC ({@code JdbcIndexedSessionRepository}) on the benchmark's H2, PostgreSQL or MariaDB pool,
 * wired as {@code @EnableJdbcHttpSession} wires it: a {@code JdbcTemplate}, a {@code REQUIRES_NEW}
 * transaction template, Spring Session's own schema (under the benchmark's table name), Java
 * serialization of attributes (its default), the clean-up job off.
 */
final class SpringJdbcSystem extends SpringSessionSystem {
    private final HikariDataSource pool;
    private final String table;
    private final JdbcIndexedSessionRepository repository;

    SpringJdbcSystem(String database, Probe probe, int sessions) {
        String name = "spring_" + database;
        this.pool = Backends.pool(Backends.jdbcUrl(database, name), name);
        this.table = (BenchConfig.TABLE_PREFIX + "spring").toUpperCase(java.util.Locale.ROOT);
        dropTables();
        Backends.execute(pool, schema(database));
        DataSource dataSource = probe.instrument(pool);
        TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        transactions.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        transactions.afterPropertiesSet();
        this.repository = repository(dataSource, transactions);
        // Preloading joins one transaction per range of sessions instead of committing each.
        TransactionTemplate batch = new TransactionTemplate(new DataSourceTransactionManager(pool));
        JdbcIndexedSessionRepository loader = repository(pool, batch);
        // H2's MVStore serialises big concurrent transactions on one table: one thread is faster there.
        preload(sessions, database.equals("h2") ? 1 : 4, untyped(loader), work -> () -> batch.execute(status -> work.get()));
        loader.destroy();
    }

    private JdbcIndexedSessionRepository repository(DataSource dataSource, TransactionTemplate transactions) {
        JdbcIndexedSessionRepository repo = new JdbcIndexedSessionRepository(new JdbcTemplate(dataSource), transactions);
        repo.setTableName(table);
        repo.setDefaultMaxInactiveInterval(Duration.ofSeconds(BenchConfig.SESSION_AGE_SECONDS));
        repo.setCleanupCron("-");
        repo.afterPropertiesSet();
        return repo;
    }

    /** Spring Session's schema script for {@code database}, with the benchmark's table name. */
    private String[] schema(String database) {
        // Spring Session's MySQL script is its MariaDB script too.
        String resource = "org/springframework/session/jdbc/schema-" + (database.equals("mariadb") ? "mysql" : database) + ".sql";
        try (InputStream in = JdbcIndexedSessionRepository.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " not found");
            }
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("SPRING_SESSION", table);
            return Arrays.stream(script.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toArray(String[]::new);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void dropTables() {
        Backends.dropTables(pool, table + "_ATTRIBUTES", table);
    }

    @Override
    SessionRepository<org.springframework.session.Session> repository() {
        return untyped(repository);
    }

    @Override
    public void close() {
        repository.destroy();
        dropTables();
        pool.close();
    }
}

package io.sessions4j.engine.db;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.sessions4j.api.CloseOnFailure;
import io.sessions4j.api.CreateException;
import io.sessions4j.api.LogSafe;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionCounts;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.spi.StoredBytes;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.SizeHistogram;
import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.api.users.PrincipalIndexed;
import io.sessions4j.engine.db.internal.Dialect;
import io.sessions4j.engine.db.internal.HikariPools;
import io.sessions4j.engine.db.internal.JdbcUrls;
import io.sessions4j.engine.db.internal.SessionSchema;
import io.sessions4j.engine.db.internal.SessionTableSql;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTimeoutException;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongConsumer;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sessions in one JDBC table of exactly Django's shape, so a Django application can share it:
 * {@code session_key varchar(40) primary key, session_data text, expire_date timestamp with time zone},
 * indexed on {@code expire_date} (on MariaDB/MySQL: {@code longtext} and {@code datetime(6)} in UTC). H2,
 * PostgreSQL and MariaDB/MySQL are supported.
 *
 * <p>Every operation is one statement in its own (auto-committed) transaction: a read-only request
 * costs one {@code SELECT}, a save one {@code UPDATE}, a new session one {@code INSERT}.
 * {@link #replace} is a compare-and-set on the {@code session_data} loaded before: Django's table has no
 * version column, so the signed data itself is the version. {@link #clearExpired} deletes in bounded
 * batches that each commit on their own, so it never holds locks for the whole run.
 *
 * <p><b>Time comes from the engine's {@link java.time.Clock}, never from the database.</b> The
 * {@code now} handed to {@link #load}, {@link #exists} and {@link #clearExpired} is compared with
 * {@code expire_date}; the database's {@code now()} is not used. The application's clock thus decides
 * expiry the same way for every engine, whatever the database server's clock says, and tests can move
 * time by hand. Instants are stored in UTC with microsecond precision (PostgreSQL's); expiries are
 * truncated to whole microseconds before they are written.
 *
 * <p>A statement that fails because a pooled connection went stale (database restarted, network
 * blip) is tried once more on a fresh connection, so the first request after an outage succeeds. That
 * is safe for every statement here: a retried compare-and-set finds its own data and reports a
 * conflict, which {@link io.sessions4j.api.SessionStore} resolves by reloading; a retried insert
 * finds its key taken and the store picks another key.
 *
 * <p><b>Every wait is bounded by {@code sessions.db.timeout}</b> (issue #15, CONFORMANCE E7): the engine's
 * own pool gives it to the driver as socket and connect timeout and uses it for the wait for a connection and
 * the liveness check. On an application's DataSource, whose driver settings the engine does not control, a
 * PostgreSQL or MariaDB/MySQL connection gets it as its network timeout ({@link Connection#setNetworkTimeout}) while
 * the engine uses it — unless the connection already has one as short — and back as it was before it returns to the
 * pool; a driver without network timeouts gets it as each statement's query timeout. A database that accepts and
 * never answers thus fails the request with {@link SessionStorageException} within about that long, also
 * for a request already holding an open connection, and the broken connections are replaced afterwards
 * without a restart. A statement that timed out is not tried again: it already spent the wait.
 *
 * <p>Thread-safe; one instance serves all requests.
 */
public final class DbSessionStorage implements SessionStorage, PrincipalIndexed, SizeHistogram.Source {
    private static final Logger LOG = LoggerFactory.getLogger(DbSessionStorage.class);
    private static final String STRING_TOO_LONG = "22001";
    /** PostgreSQL's answer to a statement cancelled by its query timeout. */
    private static final String QUERY_CANCELED = "57014";
    /**
     * The executor {@link Connection#setNetworkTimeout} asks for (JDBC forbids null): pgJDBC and MariaDB Connector/J
     * set the socket's timeout themselves and never call it; MySQL Connector/J hands it the change, which then happens
     * at once, on the calling thread, before the statement it bounds.
     */
    private static final java.util.concurrent.Executor SAME_THREAD = Runnable::run;

    private final DataSource dataSource;
    private final HikariDataSource ownedPool;
    private final String table;
    private final String location;
    private final Dialect dialect;
    private final SessionTableSql sql;
    private final int clearBatchSize;
    /** Each statement's query timeout, or 0: see {@link #prepare}. */
    private final int queryTimeoutSeconds;
    /** The longest network timeout a borrowed connection may have while the engine uses it, or 0: see {@link #prepare}. */
    private final int networkTimeoutMillis;
    private volatile boolean closed;
    private final Optional<PrincipalIndex> principalIndex;

    private DbSessionStorage(DataSource dataSource, HikariDataSource ownedPool, Dialect dialect, String table,
                             String location, int clearBatchSize, int queryTimeoutSeconds, int networkTimeoutMillis) {
        this.dataSource = dataSource;
        this.ownedPool = ownedPool;
        this.table = table;
        this.location = location;
        this.dialect = dialect;
        this.sql = SessionTableSql.of(dialect, table);
        this.clearBatchSize = clearBatchSize;
        this.queryTimeoutSeconds = queryTimeoutSeconds;
        this.networkTimeoutMillis = networkTimeoutMillis;
        this.principalIndex = DbPrincipalIndex.open(dataSource, dialect, table, location);
    }

    /**
     * A storage with its own HikariCP pool built from {@code sessions.db.*}; {@link #close()} closes the pool.
     * Connects, then migrates or checks the table, now: a bad URL, bad credentials or a missing table fail here.
     *
     * @throws SessionConfigurationException when the URL names an unsupported database or the table is
     *                                       missing or misshapen
     * @throws SessionStorageException       when the database cannot be reached or migrated
     */
    public static DbSessionStorage open(DbOptions options) {
        Dialect dialect = Dialect.forUrl(options.url());
        HikariDataSource pool = HikariPools.open(options);
        return CloseOnFailure.of(pool, () -> prepare(options, pool, pool, dialect, options.location(), false));
    }

    /**
     * A storage over a {@link DataSource} the application owns (its pool, its credentials);
     * {@code sessions.db.url}, {@code .user}, {@code .password} and {@code .pool.*} are ignored and
     * {@link #close()} leaves the DataSource open. The database is recognised from its metadata.
     *
     * <p>Hand in a plain pooled DataSource, not one bound to the application's transactions: the engine
     * commits each of its statements by itself (and calls {@code commit()} when a connection is not in
     * auto-commit mode). With {@code sessions.db.migrate=true}, Flyway borrows two of its connections at
     * start-up.
     */
    public static DbSessionStorage open(DbOptions options, DataSource dataSource) {
        Objects.requireNonNull(dataSource, "dataSource");
        String location;
        Dialect dialect;
        boolean networkTimeouts;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            location = JdbcUrls.redact(meta.getURL());
            dialect = Dialect.fromProductName(meta.getDatabaseProductName(), location);
            networkTimeouts = dialect.boundsByNetworkTimeout() && hasNetworkTimeout(c);
        } catch (SQLException e) {
            // The class, not toString(): some DataSources print their URL, password included.
            throw new SessionStorageException("db engine: cannot connect through the application DataSource ("
                    + dataSource.getClass().getName() + "): " + LogSafe.describe(e), e);
        }
        return prepare(options, dataSource, null, dialect, location, networkTimeouts);
    }

    /**
     * Whether the application's connection (its pool's proxy, a wrapper) answers the JDBC 4.1 network timeout calls;
     * one that does not gets the query timeout instead.
     */
    private static boolean hasNetworkTimeout(Connection c) {
        try {
            c.getNetworkTimeout();
            return true;
        } catch (SQLException | AbstractMethodError | UnsupportedOperationException e) {
            LOG.debug("db engine: the application's connections have no network timeout ({}); statements get a query timeout",
                    e.toString());
            return false;
        }
    }

    private static DbSessionStorage prepare(DbOptions options, DataSource dataSource, HikariDataSource ownedPool,
                                            Dialect dialect, String location, boolean networkTimeouts) {
        String table = options.table();
        boolean migrate = options.migrate();
        if (migrate && ownedPool != null) {
            try (HikariDataSource migrationPool = HikariPools.openForMigration(options)) {
                new SessionSchema(migrationPool, dialect, table, location).migrate();
            }
        } else if (migrate) {
            new SessionSchema(dataSource, dialect, table, location).migrate();
        }
        new SessionSchema(dataSource, dialect, table, location).check(migrate);
        // On our own pool every wait is already bounded per connection (the driver's socket timeout; H2's
        // session QUERY_TIMEOUT), so statements carry no timeout of their own: pgJDBC schedules a cancel timer
        // per timed statement, on every request. On the application's DataSource, whose driver settings we do
        // not control, a PostgreSQL or MariaDB/MySQL connection gets the bound as its network timeout while we use it
        // (the same socket timeout our own pool gives the driver: on pgJDBC two field writes, where the cancel timer
        // cost a READ a sixth of its client CPU, issue #20; Connector/J's query timeout is the server's
        // max_statement_time, which a silent network never delivers); others get it as the query timeout — except
        // H2, where Statement.setQueryTimeout runs a SET QUERY_TIMEOUT command per statement (half a read's
        // throughput) and an embedded database has no network to hang on: its lock waits end by its own LOCK_TIMEOUT.
        int timeout = options.timeoutSeconds();
        boolean perStatement = ownedPool == null && dialect != Dialect.H2;
        DbSessionStorage storage = new DbSessionStorage(dataSource, ownedPool, dialect, table, location,
                options.clearBatchSize(), perStatement && !networkTimeouts ? timeout : 0,
                perStatement && networkTimeouts ? timeout * 1000 : 0);
        LOG.info("db engine: sessions in table {} on {} ({}{})", table, location, dialect,
                ownedPool == null ? ", application DataSource" : ", pool of " + ownedPool.getMaximumPoolSize());
        return storage;
    }

    /** The index by user in {@code <table>_principal}; see {@link DbPrincipalIndex}. */
    @Override
    public Optional<PrincipalIndex> principalIndex() {
        return principalIndex;
    }

    /** The session table's name, as configured. */
    public String table() {
        return table;
    }

    /** Where the sessions live: the JDBC URL with any password masked. */
    public String location() {
        return location;
    }

    @Override
    public Optional<Stored> load(String key, Instant now) {
        return run("load", c -> {
            try (PreparedStatement ps = statement(c, sql.select())) {
                ps.setString(1, key);
                ps.setObject(2, timestamp(now));
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.empty();
                    }
                    if (dialect.readsDataAsBytes()) {
                        // Decoded from the driver's bytes: a read makes no String of the data (a save makes it).
                        byte[] data = rs.getBytes(1);
                        Instant expiry = dialect.read(rs, 2);
                        return Optional.of(data == null ? new Stored(key, null, expiry)
                                : Stored.ofBytes(key, StoredBytes.of(data), expiry));
                    }
                    String data = rs.getString(1);
                    Instant expiry = dialect.read(rs, 2);
                    return Optional.of(new Stored(key, data, expiry));
                }
            }
        });
    }

    @Override
    public boolean exists(String key, Instant now) {
        return run("exists", c -> {
            try (PreparedStatement ps = statement(c, sql.exists())) {
                ps.setString(1, key);
                ps.setObject(2, timestamp(now));
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /** Live and expired rows: one {@code COUNT} over the table (a full scan; for {@code sessions stats}, not requests). */
    @Override
    public Optional<SessionCounts> count(Instant now) {
        return run("count", c -> {
            try (PreparedStatement ps = statement(c, sql.count())) {
                ps.setObject(1, timestamp(now));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long live = rs.getLong(1);
                    return Optional.of(new SessionCounts(live, rs.getLong(2) - live));
                }
            }
        });
    }

    /** One streaming {@code SELECT LENGTH(session_data)} over live rows (a full scan, for {@code sessions stats}). */
    @Override
    public void liveSizes(Instant now, LongConsumer sizes) {
        run("sizes", c -> {
            try (PreparedStatement ps = c.prepareStatement(sql.liveSizes())) {
                ps.setFetchSize(1000);
                ps.setObject(1, timestamp(now));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        sizes.accept(rs.getLong(1)); // session_data is ASCII: characters are bytes
                    }
                }
            }
            return null;
        });
    }

    @Override
    public Stored create(String key, String data, Instant expiry) {
        Instant stored = micros(expiry);
        return run("create", c -> {
            try (PreparedStatement ps = statement(c, sql.insert())) {
                ps.setString(1, key);
                ps.setString(2, data);
                ps.setObject(3, timestamp(stored));
                if (ps.executeUpdate() == 0) {
                    throw keyTaken(null);
                }
            } catch (SQLException e) {
                if (dialect.isDuplicateKey(e)) {
                    throw keyTaken(e);
                }
                throw orTooLarge(e, data);
            }
            return new Stored(key, data, stored);
        });
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        Instant stored = micros(expiry);
        return run("save", c -> {
            try (PreparedStatement ps = statement(c, expected == null ? sql.update() : sql.updateIfUnchanged())) {
                ps.setString(1, data);
                ps.setObject(2, timestamp(stored));
                ps.setString(3, key);
                if (expected != null) {
                    ps.setString(4, expected.data());
                }
                return ps.executeUpdate() == 1 ? Optional.of(new Stored(key, data, stored)) : Optional.<Stored>empty();
            } catch (SQLException e) {
                throw orTooLarge(e, data);
            }
        });
    }

    @Override
    public boolean delete(String key) {
        return run("delete", c -> {
            try (PreparedStatement ps = statement(c, sql.delete())) {
                ps.setString(1, key);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /**
     * Deletes rows expired at {@code now} in batches of {@code sessions.db.clear_batch_size}; each batch
     * is one statement that commits before the next starts, so concurrent requests and other nodes are
     * never blocked for the whole run. {@code progress} hears the running total after every batch.
     */
    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        long removed = 0;
        int batches = 0;
        long started = System.nanoTime();
        try (Connection c = connection()) {
            int restore = boundNetworkTimeout(c);
            try (PreparedStatement ps = statement(c, sql.deleteExpiredBatch())) {
                ps.setObject(1, timestamp(now));
                ps.setInt(2, clearBatchSize);
                for (int deleted = clearBatchSize; deleted == clearBatchSize; ) {
                    deleted = committed(c, ignored -> ps.executeUpdate());
                    batches++;
                    if (deleted > 0) {
                        removed += deleted;
                        progress.accept(removed);
                    }
                }
            } finally {
                restoreNetworkTimeout(c, restore);
            }
        } catch (SQLException e) {
            throw failure("clearExpired (after removing " + removed + " sessions)", e);
        }
        if (removed > 0) {
            LOG.info("db engine: removed {} expired sessions from table {} with {} statements in {} ms", removed, table,
                    batches, (System.nanoTime() - started) / 1_000_000);
        }
        return removed;
    }

    /** Closes the pool this storage built; an application's DataSource stays open. */
    @Override
    public void close() {
        closed = true;
        if (ownedPool != null) {
            ownedPool.close();
        }
    }

    @Override
    public String toString() {
        return "DbSessionStorage[table=" + table + ", " + location + "]";
    }

    // --- running statements -------------------------------------------------------------------

    @FunctionalInterface
    private interface SqlWork<T> {
        T apply(Connection connection) throws SQLException;
    }

    /** A statement failed because its connection is dead; another connection may well work. */
    private static final class StaleConnection extends Exception {
        private static final long serialVersionUID = 1L;

        StaleConnection(SQLException cause) {
            super(cause);
        }

        SQLException sqlCause() {
            return (SQLException) getCause();
        }
    }

    private <T> T run(String operation, SqlWork<T> work) {
        try {
            return runOnce(operation, work);
        } catch (StaleConnection stale) {
            LOG.debug("db engine: {} hit a dead connection ({}); retrying once on a fresh one",
                    operation, stale.getCause().getMessage());
            evictIdleConnections();
            try {
                return runOnce(operation, work);
            } catch (StaleConnection again) {
                again.sqlCause().addSuppressed(stale.getCause());
                throw failure(operation, again.sqlCause());
            }
        }
    }

    private <T> T runOnce(String operation, SqlWork<T> work) throws StaleConnection {
        Connection connection;
        try {
            connection = connection();
        } catch (SQLException e) {
            // The pool already waited its connection timeout: report instead of waiting once more.
            throw failure(operation, e);
        }
        try (Connection c = connection) {
            int restore = boundNetworkTimeout(c);
            try {
                return committed(c, work);
            } finally {
                restoreNetworkTimeout(c, restore);
            }
        } catch (SQLException e) {
            // A statement that timed out spent the whole wait; trying again would double it.
            if (isDeadConnection(e) && !isTimeout(e)) {
                throw new StaleConnection(e);
            }
            throw failure(operation, e);
        }
    }

    /**
     * Runs {@code work} as its own unit of work: committed when the connection is not in auto-commit mode
     * (an application's DataSource may hand out such connections), rolled back when it fails.
     */
    private static <T> T committed(Connection c, SqlWork<T> work) throws SQLException {
        boolean manualCommit = !c.getAutoCommit();
        try {
            T result = work.apply(c);
            if (manualCommit) {
                c.commit();
            }
            return result;
        } catch (SQLException | RuntimeException e) {
            if (manualCommit) {
                rollbackQuietly(c);
            }
            throw e;
        }
    }

    /**
     * A statement whose wait for the database is bounded by {@code sessions.db.timeout}: by the connection
     * (our pool), or by a query timeout ({@code queryTimeoutSeconds > 0}, the application's DataSource).
     */
    private PreparedStatement statement(Connection c, String statement) throws SQLException {
        PreparedStatement ps = c.prepareStatement(statement);
        if (queryTimeoutSeconds == 0) {
            return ps;
        }
        try {
            ps.setQueryTimeout(queryTimeoutSeconds);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    /**
     * Lowers the network timeout of an application's connection to {@link #networkTimeoutMillis} for the engine's
     * statements, when it has none or a longer one; returns the timeout to put back, or -1 when it was left as it was
     * (also always on our own pool, whose driver already has it, and where statements carry a query timeout).
     */
    private int boundNetworkTimeout(Connection c) throws SQLException {
        if (networkTimeoutMillis == 0) {
            return -1;
        }
        int own = c.getNetworkTimeout();
        if (own > 0 && own <= networkTimeoutMillis) {
            return -1; // the application's own bound is already as tight
        }
        c.setNetworkTimeout(SAME_THREAD, networkTimeoutMillis);
        return own;
    }

    /**
     * Gives an application's connection back its own network timeout before it returns to the pool. Quietly: a
     * connection that failed meanwhile is closed (pgJDBC closes it on a socket timeout) and its pool replaces it,
     * and the failure that matters is the statement's.
     */
    private static void restoreNetworkTimeout(Connection c, int original) {
        if (original < 0) {
            return;
        }
        try {
            c.setNetworkTimeout(SAME_THREAD, original);
        } catch (SQLException | RuntimeException e) {
            LOG.debug("db engine: could not restore a connection's network timeout ({})", e.toString());
        }
    }

    private Connection connection() throws SQLException {
        if (closed) {
            throw new SQLException("the session engine is closed");
        }
        return dataSource.getConnection();
    }

    /** Whether the statement failed because its wait ran out (query timeout, or the socket's read timeout). */
    private static boolean isTimeout(SQLException e) {
        if (e instanceof SQLTimeoutException || QUERY_CANCELED.equals(e.getSQLState())) {
            return true;
        }
        for (Throwable cause = e.getCause(); cause != null && cause != e; cause = cause.getCause()) {
            if (cause instanceof SocketTimeoutException || cause instanceof SQLTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static boolean isDeadConnection(SQLException e) {
        String state = e.getSQLState();
        return e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                || (state != null && state.startsWith("08"));
    }

    /**
     * After one dead connection, the others idle in our pool are likely dead too (the database
     * restarted); retire them so the retry gets a fresh one. An application's pool is left to itself.
     */
    private void evictIdleConnections() {
        if (ownedPool != null) {
            HikariPoolMXBean pool = ownedPool.getHikariPoolMXBean();
            if (pool != null) {
                pool.softEvictConnections();
            }
        }
    }

    private CreateException keyTaken(SQLException cause) {
        return new CreateException("db engine: session key already exists in table " + table, cause);
    }

    /** A value too long for its column is a session too large, not a storage fault; anything else is returned as is. */
    private SQLException orTooLarge(SQLException e, String data) {
        if (STRING_TOO_LONG.equals(e.getSQLState())) {
            throw new SessionTooLargeException("db engine: encoded session of " + data.length()
                    + " characters does not fit in column session_data of table " + table + " on " + location, e);
        }
        return e;
    }

    private SessionStorageException failure(String operation, SQLException e) {
        return new SessionStorageException("db engine: " + operation + " failed on " + location + " (table " + table
                + "): " + LogSafe.describe(e), e);
    }

    private static void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        } catch (SQLException ignored) {
            // the original failure is what matters; the pool discards a broken connection
        }
    }

    private static Instant micros(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MICROS);
    }

    /** An instant as the dialect binds it, cut to the microseconds every supported database keeps. */
    private Object timestamp(Instant instant) {
        return dialect.bind(micros(instant));
    }
}

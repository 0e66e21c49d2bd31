package io.sessions4j.engine.db;

import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.users.PrincipalIndex;
import io.sessions4j.engine.db.internal.Dialect;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index of sessions by user in table {@code <table>_principal (session_key primary key references
 * <table> on delete cascade, principal)} (migration V2): beside Django's table, which keeps its exact shape.
 * A row is written only when a session's principal changes (one upsert) and deleted when a request here
 * deletes a session whose principal it knows. Rows of sessions deleted otherwise (expired and cleared,
 * deleted by Django) are skipped when listing and removed by {@link #clearStale} after {@code clearExpired}.
 * No foreign key ties the tables: Django's {@code flush} truncates its table and must keep working.
 *
 * <p>Statements are plain SQL except the upsert, which comes from the {@link Dialect}.
 */
final class DbPrincipalIndex implements PrincipalIndex {
    private static final Logger LOG = LoggerFactory.getLogger(DbPrincipalIndex.class);

    private final DataSource dataSource;
    private final String table;
    private final String upsert;
    private final String delete;
    private final String select;
    private final String deleteStale;

    private DbPrincipalIndex(DataSource dataSource, Dialect dialect, String table) {
        this.dataSource = dataSource;
        this.table = table + "_principal";
        String index = dialect.quote(this.table);
        String key = dialect.quote("session_key");
        String principal = dialect.quote("principal");
        this.upsert = dialect.upsertPrincipal(index);
        this.delete = "DELETE FROM " + index + " WHERE " + key + " = ? AND " + principal + " = ?";
        this.select = "SELECT " + key + " FROM " + index + " WHERE " + principal + " = ?";
        this.deleteStale = "DELETE FROM " + index + " WHERE NOT EXISTS (SELECT 1 FROM " + dialect.quote(table) + " s"
                + " WHERE s." + key + " = " + index + "." + key + ")";
    }

    /**
     * The index of {@code table}, or empty (logged) when its table does not exist: migrations off and
     * {@code sessions migrate} not run since V2.
     */
    static Optional<PrincipalIndex> open(DataSource dataSource, Dialect dialect, String table, String location) {
        DbPrincipalIndex index = new DbPrincipalIndex(dataSource, dialect, table);
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(index.select)) {
            ps.setString(1, "");
            ps.executeQuery().close();
            return Optional.of(index);
        } catch (SQLException e) {
            LOG.warn("db engine: no table {} on {}; sessions are not indexed by user (run `sessions migrate`"
                    + " or set sessions.db.migrate=true): {}", index.table, location, e.getMessage());
            return Optional.empty();
        }
    }

    @Override
    public void add(String principal, String key, Instant expiry) {
        try {
            update(upsert, key, principal);
        } catch (SQLException e) {
            throw failure("indexing a session by user", e);
        }
    }

    @Override
    public void remove(String principal, String key) {
        try {
            update(delete, key, principal);
        } catch (SQLException e) {
            throw failure("removing a session from the index by user", e);
        }
    }

    @Override
    public Set<String> keys(String principal) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, principal);
            Set<String> keys = new LinkedHashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1));
                }
            }
            commitIfManual(c);
            return keys;
        } catch (SQLException e) {
            throw failure("reading the index by user", e);
        }
    }

    /** Deletes the rows whose session row is gone: one statement, run by {@code clearExpired}, never by requests. */
    @Override
    public long clearStale(Instant now) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(deleteStale)) {
            int removed = ps.executeUpdate();
            commitIfManual(c);
            return removed;
        } catch (SQLException e) {
            throw failure("removing index rows of ended sessions", e);
        }
    }

    private void update(String sql, String key, String principal) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, key);
            ps.setString(2, principal);
            ps.executeUpdate();
            commitIfManual(c);
        }
    }

    private static void commitIfManual(Connection c) throws SQLException {
        if (!c.getAutoCommit()) {
            c.commit();
        }
    }

    private SessionStorageException failure(String operation, SQLException e) {
        return new SessionStorageException("db engine: " + operation + " failed (table " + table + "): " + e.getMessage(), e);
    }
}

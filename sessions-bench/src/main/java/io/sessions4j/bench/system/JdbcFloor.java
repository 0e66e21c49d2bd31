package io.sessions4j.bench.system;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.bench.BenchConfig;
import io.sessions4j.bench.SessionPayload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Raw JDBC on a table of the db engine's shape (Django's: {@code session_key varchar(40)} primary
 * key, {@code session_data} text, {@code expire_date} timestamp with time zone, indexed): READ is
 * one {@code SELECT} by key, WRITE one {@code SELECT} and one {@code UPDATE} on the same connection,
 * CREATE one {@code INSERT}. No encoding, no signing, no compare-and-set: the physical floor.
 */
public final class JdbcFloor implements BenchSystem {
    private final HikariDataSource pool;
    private final DataSource dataSource;
    private final String table;
    private final String select;
    private final String update;
    private final String insert;
    private final List<String> keys;
    private final String database;

    JdbcFloor(String database, String name, Probe probe, int sessions) {
        this.database = database;
        this.pool = Backends.pool(Backends.jdbcUrl(database, name), name);
        this.dataSource = probe.instrument(pool);
        this.table = BenchConfig.TABLE_PREFIX + name;
        Backends.dropTables(pool, table);
        // Django's column types on each database.
        String dataType = switch (database) {
            case "postgresql" -> "TEXT";
            case "mariadb" -> "LONGTEXT";
            default -> "CHARACTER VARYING";
        };
        String expiryType = database.equals("mariadb") ? "DATETIME(6)" : "TIMESTAMP WITH TIME ZONE";
        Backends.execute(pool,
                "CREATE TABLE " + table + " (session_key VARCHAR(40) NOT NULL PRIMARY KEY, session_data "
                        + dataType + " NOT NULL, expire_date " + expiryType + " NOT NULL)",
                "CREATE INDEX " + table + "_expire_date ON " + table + " (expire_date)");
        this.select = "SELECT session_data, expire_date FROM " + table + " WHERE session_key = ? AND expire_date > ?";
        this.update = "UPDATE " + table + " SET session_data = ?, expire_date = ? WHERE session_key = ?";
        this.insert = "INSERT INTO " + table + " (session_key, session_data, expire_date) VALUES (?, ?, ?)";
        this.keys = preload(sessions);
    }

    /** Inserts {@code sessions} rows in one batched transaction; returns their keys. */
    List<String> preload(int sessions) {
        Object expiry = expiry();
        List<Object[]> rows = Backends.preload(sessions,
                i -> new Object[] {FloorData.newKey(), FloorData.json(SessionPayload.of(i)), expiry});
        Backends.insertRows(pool, insert, rows);
        return rows.stream().map(row -> (String) row[0]).toList();
    }

    @Override
    public Object read(String key) {
        try (Connection c = dataSource.getConnection()) {
            return select(c, key);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object write(String key) {
        try (Connection c = dataSource.getConnection()) {
            String data = select(c, key);
            update(c, key, FloorData.CHANGED_DATA);
            return data;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object create() {
        return insert(FloorData.DATA);
    }

    /** One SELECT, for the cached_db floor. */
    String select(Connection c, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(select)) {
            ps.setString(1, key);
            ps.setObject(2, Backends.timestamp(database, OffsetDateTime.now(ZoneOffset.UTC)));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** One UPDATE on its own connection, for the cached_db floor. */
    void update(String key, String data) {
        try (Connection c = dataSource.getConnection()) {
            update(c, key, data);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void update(Connection c, String key, String data) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(update)) {
            ps.setString(1, data);
            ps.setObject(2, expiry());
            ps.setString(3, key);
            ps.executeUpdate();
        }
    }

    /** One INSERT of a new key; returns the key. */
    String insert(String data) {
        String key = FloorData.newKey();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(insert)) {
            ps.setString(1, key);
            ps.setString(2, data);
            ps.setObject(3, expiry());
            ps.executeUpdate();
            return key;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object expiry() {
        return Backends.timestamp(database, OffsetDateTime.now(ZoneOffset.UTC).plusSeconds(BenchConfig.SESSION_AGE_SECONDS));
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public void close() {
        Backends.dropTables(pool, table);
        pool.close();
    }
}

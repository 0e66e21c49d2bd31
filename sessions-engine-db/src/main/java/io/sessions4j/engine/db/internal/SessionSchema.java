package io.sessions4j.engine.db.internal;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionKeys;
import io.sessions4j.api.SessionStorageException;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session table's schema: Flyway migrations shipped in the jar (one folder per dialect) and a
 * check of the table actually found, so that a wrong or missing table fails at start-up with a
 * message naming what is missing, never at the first request.
 *
 * <p>The migrations keep their own history table, {@code <table>_s4j_history}: one per session table,
 * so they never collide with the application's Flyway history nor with a second engine using another
 * table in the same schema. A table that already exists (created by Django) is accepted as it is.
 */
public final class SessionSchema {
    private static final Logger LOG = LoggerFactory.getLogger(SessionSchema.class);

    private final DataSource dataSource;
    private final Dialect dialect;
    private final String table;
    private final String location;

    public SessionSchema(DataSource dataSource, Dialect dialect, String table, String location) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.table = table;
        this.location = location;
    }

    /** The Flyway history table kept for {@code table}. */
    public static String historyTable(String table) {
        return table + "_s4j_history";
    }

    /**
     * Creates or upgrades the table; Flyway holds two connections of the DataSource meanwhile.
     *
     * @return how many migrations ran (0 when the schema was current)
     */
    public int migrate() {
        MigrateResult result;
        try {
            result = flyway().migrate();
        } catch (FlywayException e) {
            throw new SessionStorageException("db engine: migrating table " + table + " failed on " + location + ": "
                    + e.getMessage(), e);
        }
        if (result.migrationsExecuted > 0) {
            LOG.info("db engine: applied {} migration(s) to table {} on {} (schema version {})",
                    result.migrationsExecuted, table, location, result.targetSchemaVersion);
        }
        return result.migrationsExecuted;
    }

    /**
     * The migrations {@link #migrate()} would apply now, as {@code "<version> <description>"}, oldest first.
     * Reads the history table only; changes nothing.
     */
    public List<String> pending() {
        try {
            List<String> pending = new ArrayList<>();
            for (MigrationInfo info : flyway().info().pending()) {
                pending.add(info.getVersion() + " " + info.getDescription());
            }
            return pending;
        } catch (FlywayException e) {
            throw new SessionStorageException("db engine: reading the migration history of table " + table + " failed on "
                    + location + ": " + e.getMessage(), e);
        }
    }

    private Flyway flyway() {
        return Flyway.configure(SessionSchema.class.getClassLoader())
                .dataSource(dataSource)
                .locations(dialect.migrationLocation())
                .table(historyTable(table))
                .placeholders(Map.of("table", table))
                // The schema usually holds the application's own tables (or Django's): start our history
                // at version 0 so that V1 still runs; its CREATE ... IF NOT EXISTS leaves an existing table be.
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("sessions4j baseline")
                .load();
    }

    /**
     * Checks that the table exists in Django's shape.
     *
     * @param migrated whether {@link #migrate()} ran before (changes the advice in the message)
     * @throws SessionConfigurationException naming the missing table, columns or wrong types
     */
    public void check(boolean migrated) {
        Map<String, Column> columns;
        boolean indexed;
        String schema;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            schema = c.getSchema();
            columns = columns(meta, c.getCatalog(), schema);
            indexed = !columns.isEmpty() && expireDateIndexed(meta, c.getCatalog(), schema);
        } catch (SQLException e) {
            throw new SessionStorageException("db engine: checking table " + table + " failed on " + location + ": "
                    + e.getMessage(), e);
        }
        String where = "in " + location + (schema == null ? "" : " (schema " + schema + ")");
        if (columns.isEmpty()) {
            throw new SessionConfigurationException("db engine: table " + table + " does not exist " + where
                    + ". Set sessions.db.migrate=true (or run `sessions migrate`) to create it, or create it with "
                    + "Django's shape: " + expectedShape());
        }
        List<String> problems = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String name : List.of("session_key", "session_data", "expire_date")) {
            if (!columns.containsKey(name)) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            problems.add("missing column(s) " + String.join(", ", missing));
        }
        Column key = columns.get("session_key");
        if (key != null && key.size() > 0 && key.size() < SessionKeys.LENGTH) {
            problems.add("column session_key holds " + key.size() + " characters, session keys have "
                    + SessionKeys.LENGTH);
        }
        Column data = columns.get("session_data");
        if (data != null && !dialect.isDataColumn(data.typeName())) {
            problems.add("column session_data is " + data.typeName() + ", expected " + dialect.dataType());
        }
        Column expiry = columns.get("expire_date");
        if (expiry != null && !dialect.isExpiryColumn(expiry.jdbcType(), expiry.typeName())) {
            problems.add("column expire_date is " + expiry.typeName() + ", expected " + dialect.expiryType());
        }
        if (!problems.isEmpty()) {
            throw new SessionConfigurationException("db engine: table " + table + " " + where + " has the wrong shape: "
                    + String.join("; ", problems) + ". Expected Django's shape: " + expectedShape()
                    + (migrated ? ". The table existed before and migrations leave an existing table as it is." : ""));
        }
        if (!indexed) {
            LOG.warn("db engine: table {} {} has no index on expire_date; clearExpired will scan the whole table",
                    table, where);
        }
    }

    private String expectedShape() {
        return dialect.expectedShape();
    }

    private Map<String, Column> columns(DatabaseMetaData meta, String catalog, String schema) throws SQLException {
        Map<String, Column> columns = new LinkedHashMap<>();
        try (ResultSet rs = meta.getColumns(catalog, pattern(meta, schema), pattern(meta, table), "%")) {
            while (rs.next()) {
                // Metadata takes LIKE patterns; only the exact name counts (the '_' in django_session is a wildcard).
                if (table.equals(rs.getString("TABLE_NAME")) && (schema == null || schema.equals(rs.getString("TABLE_SCHEM")))) {
                    columns.put(rs.getString("COLUMN_NAME"),
                            new Column(rs.getInt("DATA_TYPE"), rs.getString("TYPE_NAME"), rs.getInt("COLUMN_SIZE")));
                }
            }
        }
        return columns;
    }

    private boolean expireDateIndexed(DatabaseMetaData meta, String catalog, String schema) throws SQLException {
        try (ResultSet rs = meta.getIndexInfo(catalog, schema, table, false, true)) {
            while (rs.next()) {
                if (rs.getShort("ORDINAL_POSITION") == 1 && "expire_date".equals(rs.getString("COLUMN_NAME"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String pattern(DatabaseMetaData meta, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = meta.getSearchStringEscape();
        if (escape == null || escape.isEmpty()) {
            return name;
        }
        return name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }

    private record Column(int jdbcType, String typeName, int size) {
    }
}

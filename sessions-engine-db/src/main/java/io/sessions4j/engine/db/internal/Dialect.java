package io.sessions4j.engine.db.internal;

import io.sessions4j.api.SessionConfigurationException;
import java.sql.Types;
import java.util.Locale;
import java.util.Optional;

/**
 * What differs between the databases the engine supports: where their migrations live and how to
 * delete one bounded batch of expired rows. Everything else is plain JDBC shared by all.
 */
public enum Dialect {
    H2("H2", "h2", "jdbc:h2:") {
        @Override
        String deleteExpiredBatch(String table) {
            return "DELETE FROM " + table + " WHERE \"expire_date\" <= ? FETCH FIRST ? ROWS ONLY";
        }

        @Override
        public String upsertPrincipal(String indexTable) {
            return "MERGE INTO " + indexTable + " (\"session_key\", \"principal\") KEY (\"session_key\") VALUES (?, ?)";
        }
    },
    POSTGRESQL("PostgreSQL", "postgresql", "jdbc:postgresql:") {
        @Override
        String deleteExpiredBatch(String table) {
            // PostgreSQL has no DELETE ... LIMIT. "= ANY (ARRAY(subquery))" rather than "IN (subquery)": IN
            // is planned as a hash semi-join over a full scan of the table, on every batch; ANY of an array
            // is a primary-key lookup of just the picked rows. SKIP LOCKED lets two nodes clear at once
            // without queueing behind each other or behind a request saving a row; FOR UPDATE re-checks a
            // row that a request refreshed meanwhile, so a session extended after it was picked survives.
            return "DELETE FROM " + table + " WHERE \"session_key\" = ANY (ARRAY(SELECT \"session_key\" FROM " + table
                    + " WHERE \"expire_date\" <= ? LIMIT ? FOR UPDATE SKIP LOCKED))";
        }

        @Override
        public String upsertPrincipal(String indexTable) {
            return "INSERT INTO " + indexTable + " (\"session_key\", \"principal\") VALUES (?, ?) ON CONFLICT (\"session_key\")"
                    + " DO UPDATE SET \"principal\" = EXCLUDED.\"principal\"";
        }
    };

    private final String productName;
    private final String folder;
    private final String urlPrefix;

    Dialect(String productName, String folder, String urlPrefix) {
        this.productName = productName;
        this.folder = folder;
        this.urlPrefix = urlPrefix;
    }

    /** The dialect of a JDBC URL, or empty when the engine does not support that database. */
    public static Optional<Dialect> fromUrl(String url) {
        for (Dialect d : values()) {
            if (url != null && url.regionMatches(true, 0, d.urlPrefix, 0, d.urlPrefix.length())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    /**
     * The dialect of a configured JDBC URL.
     *
     * @throws SessionConfigurationException naming the URL (password masked) and the supported databases
     */
    public static Dialect forUrl(String url) {
        return fromUrl(url).orElseThrow(() -> new SessionConfigurationException("Invalid value '"
                + JdbcUrls.redact(url) + "' for sessions.db.url: expected a JDBC URL of a supported database, "
                + supported()));
    }

    /**
     * The dialect of a connected database, from {@link java.sql.DatabaseMetaData#getDatabaseProductName()}.
     *
     * @throws SessionConfigurationException naming the supported databases
     */
    public static Dialect fromProductName(String product, String location) {
        for (Dialect d : values()) {
            if (d.productName.equalsIgnoreCase(product)) {
                return d;
            }
        }
        throw new SessionConfigurationException("db engine: the DataSource at " + location + " is " + product
                + ", which the db engine does not support; supported databases: " + supported());
    }

    /** The supported databases, for messages. */
    public static String supported() {
        return "H2 (jdbc:h2:), PostgreSQL (jdbc:postgresql:)";
    }

    /** The Flyway location of this database's migrations, inside the engine's jar. */
    public String migrationLocation() {
        return "classpath:io/sessions4j/engine/db/migration/" + folder;
    }

    /** One statement deleting at most {@code ?2} rows expired at {@code ?1}; {@code table} is already quoted. */
    abstract String deleteExpiredBatch(String table);

    /**
     * One statement recording {@code (?1 session_key, ?2 principal)} in the index table of sessions by user
     * (migration V2), replacing the key's previous principal; {@code indexTable} is already quoted.
     */
    public abstract String upsertPrincipal(String indexTable);

    /** Whether a column of this JDBC type holds an absolute instant (timestamp with time zone). */
    boolean isTimestampWithTimeZone(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        // PostgreSQL's driver reports timestamptz as Types.TIMESTAMP, so the type name decides there.
        return jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || name.equals("timestamptz") || name.contains("with time zone");
    }

    @Override
    public String toString() {
        return productName;
    }
}

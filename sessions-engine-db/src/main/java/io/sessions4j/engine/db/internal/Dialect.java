package io.sessions4j.engine.db.internal;

import io.sessions4j.api.SessionConfigurationException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What differs between the databases the engine supports: identifier quoting, how an instant is bound and
 * read, how the compare-and-set compares the stored data, how one bounded batch of expired rows is deleted,
 * where the migrations live and which driver properties bound a wait. Everything else is plain JDBC shared
 * by all.
 */
public enum Dialect {
    H2("H2", "h2", List.of("H2"), List.of("jdbc:h2:")) {
        @Override
        String deleteExpiredBatch(String table) {
            return "DELETE FROM " + table + " WHERE \"expire_date\" <= " + instantParameter() + " FETCH FIRST ? ROWS ONLY";
        }

        @Override
        public String upsertPrincipal(String indexTable) {
            return "MERGE INTO " + indexTable + " (\"session_key\", \"principal\") KEY (\"session_key\") VALUES (?, ?)";
        }

        @Override
        public Map<String, String> timeoutProperties(int seconds) {
            // Embedded: no socket to time out. The session's own query timeout, set once per connection:
            // Statement.setQueryTimeout on H2 runs a SET QUERY_TIMEOUT command on every statement, which
            // cost a read about half its throughput.
            return Map.of("QUERY_TIMEOUT", Integer.toString(seconds * 1000));
        }

        // H2 takes and gives java.time.Instant for TIMESTAMP WITH TIME ZONE itself (UTC, offset 0: the value an
        // OffsetDateTime at UTC binds), converting straight from and to its own value: no OffsetDateTime,
        // LocalDateTime, LocalDate and LocalTime per instant on either side (issue #20: ~190 bytes of a read).

        @Override
        public Object bind(Instant instant) {
            return instant;
        }

        @Override
        public Instant read(ResultSet rs, int column) throws SQLException {
            return rs.getObject(column, Instant.class);
        }
    },
    POSTGRESQL("PostgreSQL", "postgresql", List.of("PostgreSQL"), List.of("jdbc:postgresql:")) {
        @Override
        String deleteExpiredBatch(String table) {
            // PostgreSQL has no DELETE ... LIMIT. "= ANY (ARRAY(subquery))" rather than "IN (subquery)": IN
            // is planned as a hash semi-join over a full scan of the table, on every batch; ANY of an array
            // is a primary-key lookup of just the picked rows. SKIP LOCKED lets two nodes clear at once
            // without queueing behind each other or behind a request saving a row; FOR UPDATE re-checks a
            // row that a request refreshed meanwhile, so a session extended after it was picked survives.
            return "DELETE FROM " + table + " WHERE \"session_key\" = ANY (ARRAY(SELECT \"session_key\" FROM " + table
                    + " WHERE \"expire_date\" <= " + instantParameter() + " LIMIT ? FOR UPDATE SKIP LOCKED))";
        }

        @Override
        public String upsertPrincipal(String indexTable) {
            return "INSERT INTO " + indexTable + " (\"session_key\", \"principal\") VALUES (?, ?) ON CONFLICT (\"session_key\")"
                    + " DO UPDATE SET \"principal\" = EXCLUDED.\"principal\"";
        }

        @Override
        public Map<String, String> timeoutProperties(int seconds) {
            // pgJDBC counts in seconds; a URL parameter of the same name wins over these.
            String s = Integer.toString(seconds);
            return Map.of("socketTimeout", s, "connectTimeout", s, "loginTimeout", s);
        }

        // Instants go in as ISO-8601 text and come out as epoch microseconds, never through pgJDBC's date
        // classes: since 42.7 every PreparedStatement and every ResultSet that touches a date builds its own
        // TimestampUtils (two GregorianCalendars, a time-zone lookup), measured at a fifth of a READ's CPU on
        // the client. The server converts the text exactly (microseconds, as the column keeps).

        @Override
        public String instantParameter() {
            return "CAST(? AS TIMESTAMP WITH TIME ZONE)";
        }

        @Override
        public Object bind(Instant instant) {
            return IsoInstants.format(instant);
        }

        @Override
        String expiryValue(String column) {
            // Exact: EXTRACT(EPOCH ...) is numeric with the column's six decimals (double precision before
            // PostgreSQL 14, still within half a microsecond at today's dates, so the cast rounds back exactly).
            // LEAST turns 'infinity', which no cast to bigint takes, into a date far beyond any session.
            return "CAST(LEAST(EXTRACT(EPOCH FROM " + column + "), " + MAX_EPOCH_SECOND + ") * 1000000 AS BIGINT)";
        }

        @Override
        public boolean boundsByNetworkTimeout() {
            // pgJDBC's query timeout schedules a cancel task on a shared java.util.Timer for every statement and
            // cancels it afterwards: measured at a sixth of a READ's client CPU over an application's pool (issue #20).
            // Its network timeout is the socket's read timeout, set with two field writes and no message to the server.
            return true;
        }

        @Override
        public boolean readsDataAsBytes() {
            // pgJDBC always talks UTF-8, and getBytes of a text column hands out the row's own bytes of it (no copy,
            // unlike getString, which decodes them into a String the codec would only turn back into bytes).
            return true;
        }

        @Override
        public Instant read(ResultSet rs, int column) throws SQLException {
            return epochMicros(rs, column);
        }
    },
    /**
     * MariaDB and MySQL, through MariaDB Connector/J ({@code jdbc:mariadb:}, and {@code jdbc:mysql:} when
     * MySQL Connector/J is not on the class path) or MySQL Connector/J. Django's table there is
     * {@code session_key varchar(40)}, {@code session_data longtext}, {@code expire_date datetime(6)} holding
     * UTC without a zone, in the database's default collation: case-insensitive and padding trailing spaces.
     */
    MYSQL("MariaDB/MySQL", "mysql", List.of("MariaDB", "MySQL"), List.of("jdbc:mariadb:", "jdbc:mysql:")) {
        @Override
        public boolean boundsByNetworkTimeout() {
            // Connector/J turns a query timeout into the server's max_statement_time (a SET STATEMENT … FOR prefix
            // on every execute), which a silent network never delivers: the read waited forever
            // (MariaDbApplicationPoolTest). The network timeout is the socket's read timeout, as on PostgreSQL.
            return true;
        }

        @Override
        public String quote(String identifier) {
            // Backticks work whatever sql_mode says; double quotes only with ANSI_QUOTES.
            return '`' + identifier + '`';
        }

        @Override
        String dataEquals(String column) {
            // The collation of Django's table (utf8mb4_general_ci by default) would call "aB" and "Ab", or
            // "x" and "x ", equal; base64 is case-sensitive, so compare bytes. The data is ASCII, so its bytes
            // are the same in every connection character set. On the column side only: the key lookup
            // still uses the primary key.
            return column + " = CAST(? AS BINARY)";
        }

        @Override
        String deleteExpiredBatch(String table) {
            // One statement per batch, walking the expire_date index in order. Two nodes clearing at once
            // queue on the first row the other has locked (the batch commits, then the other goes on and
            // skips what is gone): never a deadlock between cleaners, and each row is counted once. ORDER BY
            // makes the statement deterministic, as statement-based replication requires of DELETE ... LIMIT.
            return "DELETE FROM " + table + " WHERE `expire_date` <= " + instantParameter() + " ORDER BY `expire_date` LIMIT ?";
        }

        @Override
        public String upsertPrincipal(String indexTable) {
            return "INSERT INTO " + indexTable + " (`session_key`, `principal`) VALUES (?, ?)"
                    + " ON DUPLICATE KEY UPDATE `principal` = VALUES(`principal`)";
        }

        @Override
        public Map<String, String> timeoutProperties(int seconds) {
            // Both Connector/Js count in milliseconds.
            String millis = Integer.toString(seconds * 1000);
            return Map.of("socketTimeout", millis, "connectTimeout", millis);
        }

        // datetime(6) has no zone: Django (USE_TZ=True) stores UTC there, and so do we. Instants go in as UTC text
        // and the expiry comes back as epoch microseconds, as on PostgreSQL, never through Connector/J's date codecs:
        // they format a LocalDateTime parameter and parse a datetime column with java.time's general formatters,
        // a String and several objects per value (issue #20: about a tenth of a READ's allocation). A DATETIME
        // converts from and to text without the connection's time zone, and TIMESTAMPDIFF counts exactly.

        @Override
        public String instantParameter() {
            return "CAST(? AS DATETIME(6))";
        }

        @Override
        public Object bind(Instant instant) {
            String text = IsoInstants.formatDateTime(instant);
            // Beyond datetime's years no expiry is written (ExpiryValues); the driver's form says so if one ever is.
            return text != null ? text : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
        }

        @Override
        String expiryValue(String column) {
            return "TIMESTAMPDIFF(MICROSECOND, '1970-01-01 00:00:00', " + column + ")";
        }

        @Override
        public Instant read(ResultSet rs, int column) throws SQLException {
            return epochMicros(rs, column);
        }

        @Override
        boolean isExpiryColumn(int jdbcType, String typeName) {
            // DATETIME, not TIMESTAMP: a TIMESTAMP column converts from the session time zone on the way in.
            return typeName != null && typeName.toLowerCase(Locale.ROOT).startsWith("datetime");
        }

        @Override
        String insertIfAbsent() {
            // A duplicate key is "0 rows", not an error: Connector/J logs every server error at WARN with its
            // message, and the duplicate-key message names the key (a live session's key, in a log line).
            // IGNORE downgrades nothing else here: the key is checked, the expiry is within datetime's range
            // (ExpiryValues), and session_data must be longtext (checked at start-up), so nothing is cut short.
            return "INSERT IGNORE INTO";
        }

        @Override
        boolean isDataColumn(String typeName) {
            return "longtext".equalsIgnoreCase(typeName);
        }

        @Override
        String expiryType() {
            return "datetime(6) (UTC)";
        }

        @Override
        String dataType() {
            return "longtext";
        }

        @Override
        public boolean isDuplicateKey(SQLException e) {
            return e.getErrorCode() == ER_DUP_ENTRY;
        }
    };

    /** 9999-12-31T23:59:59Z, beyond which no expiry is written (ExpiryValues) and none is read back. */
    private static final long MAX_EPOCH_SECOND = 253_402_300_799L;
    private static final String UNIQUE_VIOLATION = "23505";
    private static final int ER_DUP_ENTRY = 1062;

    private final String displayName;
    private final String folder;
    private final List<String> productNames;
    private final List<String> urlPrefixes;

    Dialect(String displayName, String folder, List<String> productNames, List<String> urlPrefixes) {
        this.displayName = displayName;
        this.folder = folder;
        this.productNames = productNames;
        this.urlPrefixes = urlPrefixes;
    }

    /** The dialect of a JDBC URL, or empty when the engine does not support that database. */
    public static Optional<Dialect> fromUrl(String url) {
        for (Dialect d : values()) {
            for (String prefix : d.urlPrefixes) {
                if (url != null && url.regionMatches(true, 0, prefix, 0, prefix.length())) {
                    return Optional.of(d);
                }
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
            for (String name : d.productNames) {
                if (name.equalsIgnoreCase(product)) {
                    return d;
                }
            }
        }
        throw new SessionConfigurationException("db engine: the DataSource at " + location + " is " + product
                + ", which the db engine does not support; supported databases: " + supported());
    }

    /** The supported databases, for messages. */
    public static String supported() {
        return "H2 (jdbc:h2:), PostgreSQL (jdbc:postgresql:), MariaDB/MySQL (jdbc:mariadb:, jdbc:mysql:)";
    }

    /** The Flyway location of this database's migrations, inside the engine's jar. */
    public String migrationLocation() {
        return "classpath:io/sessions4j/engine/db/migration/" + folder;
    }

    /** A quoted identifier; callers pass only validated plain identifiers. */
    public String quote(String identifier) {
        return '"' + identifier + '"';
    }

    /** The compare-and-set's test that {@code column} (quoted) holds exactly the bound value, byte for byte. */
    String dataEquals(String column) {
        return column + " = ?";
    }

    /** One statement deleting at most {@code ?2} rows expired at {@code ?1}; {@code table} is already quoted. */
    abstract String deleteExpiredBatch(String table);

    /**
     * Driver properties bounding every wait on the database's answer to {@code seconds}: the socket read
     * and the connect. Given to the engine's own pool; an application's DataSource keeps its own.
     */
    public abstract Map<String, String> timeoutProperties(int seconds);

    /**
     * One statement recording {@code (?1 session_key, ?2 principal)} in the index table of sessions by user
     * (migration V2), replacing the key's previous principal; {@code indexTable} is already quoted.
     */
    public abstract String upsertPrincipal(String indexTable);

    /** The parameter marker of an instant given by {@link #bind}, compared with or stored in {@code expire_date}. */
    public String instantParameter() {
        return "?";
    }

    /** An instant as a parameter for the {@code expire_date} column, at an {@link #instantParameter()}. */
    public Object bind(Instant instant) {
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    /** The select-list expression of {@code column} ({@code expire_date}, quoted), read back by {@link #read}. */
    String expiryValue(String column) {
        return column;
    }

    /** The {@code expire_date} selected as {@link #expiryValue} at {@code column} of the current row. */
    public Instant read(ResultSet rs, int column) throws SQLException {
        return rs.getObject(column, OffsetDateTime.class).toInstant();
    }

    /**
     * Whether the engine bounds its waits on an application's connection by lowering the connection's network timeout
     * ({@link java.sql.Connection#setNetworkTimeout}) while it uses it, rather than by a query timeout on every
     * statement. Either way a silent server fails the request within {@code sessions.db.timeout}; a socket timeout
     * closes the connection (the pool replaces it), a query timeout cancels the statement.
     */
    public boolean boundsByNetworkTimeout() {
        return false;
    }

    /**
     * Whether {@code session_data} is read with {@code getBytes} — its UTF-8 bytes, which the codec verifies and
     * decodes in place — rather than {@code getString}. Only where the driver hands out bytes it already holds: H2
     * keeps the String itself (getBytes would encode it anew) and MariaDB Connector/J copies the bytes out of the row
     * either way.
     */
    public boolean readsDataAsBytes() {
        return false;
    }

    /** An expiry selected as epoch microseconds ({@link #expiryValue}). */
    private static Instant epochMicros(ResultSet rs, int column) throws SQLException {
        long micros = rs.getLong(column);
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    /** Whether a column of this JDBC type can hold {@code expire_date} as this dialect binds it. */
    boolean isExpiryColumn(int jdbcType, String typeName) {
        String name = typeName == null ? "" : typeName.toLowerCase(Locale.ROOT);
        // PostgreSQL's driver reports timestamptz as Types.TIMESTAMP, so the type name decides there.
        return jdbcType == Types.TIMESTAMP_WITH_TIMEZONE || name.equals("timestamptz") || name.contains("with time zone");
    }

    /** The start of an INSERT that reports a taken key as a duplicate-key error or as 0 rows inserted. */
    String insertIfAbsent() {
        return "INSERT INTO";
    }

    /** Whether a column of this type can hold any session the engine writes as {@code session_data}. */
    boolean isDataColumn(String typeName) {
        return true;
    }

    /** The type {@code expire_date} should have, for messages. */
    String expiryType() {
        return "timestamp with time zone";
    }

    /** The type {@code session_data} has in Django's table, for messages. */
    String dataType() {
        return "text";
    }

    /** Django's table shape in this database, for messages. */
    public String expectedShape() {
        return "session_key varchar(40) primary key, session_data " + dataType() + " not null, expire_date "
                + expiryType() + " not null, plus an index on expire_date";
    }

    /** Whether an INSERT failed because the key is taken. */
    public boolean isDuplicateKey(SQLException e) {
        return UNIQUE_VIOLATION.equals(e.getSQLState());
    }

    @Override
    public String toString() {
        return displayName;
    }
}

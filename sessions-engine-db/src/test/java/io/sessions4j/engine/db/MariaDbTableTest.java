package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The db engine on MariaDB beyond the contract: Django's table shape there (a database of its own per test,
 * in the case-insensitive default collation Django's tables get), a compare-and-set that compares bytes,
 * expiries stored as UTC, and {@code jdbc:mysql:} URLs through MariaDB Connector/J.
 */
@DisplayName("db engine on MariaDB: table, compare-and-set, URLs")
class MariaDbTableTest {
    /** Django's DDL for django.contrib.sessions on the MySQL backend (sqlmigrate sessions 0001), verbatim. */
    private static final String[] DJANGO_DDL = {
            "CREATE TABLE `django_session` (`session_key` varchar(40) NOT NULL PRIMARY KEY, "
                    + "`session_data` longtext NOT NULL, `expire_date` datetime(6) NOT NULL)",
            "CREATE INDEX `django_session_expire_date_a5c62663` ON `django_session` (`expire_date`)"};
    private static final String SECRET = "mariadb-table-secret-0123456789";

    private final MutableClock clock = MutableClock.startingNow();
    private final List<StorageSessionEngine> engines = new ArrayList<>();
    private String database;

    @BeforeEach
    void createDatabase() {
        TestDatabase.MARIADB.assumeUp();
        database = TestDatabase.uniqueName("s4j_maria");
        // The collation a Django table gets by default: case-insensitive, trailing spaces padded.
        TestDatabase.MARIADB.execute("CREATE DATABASE `" + database + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
    }

    @AfterEach
    void dropDatabase() {
        engines.forEach(StorageSessionEngine::close);
        if (database != null) {
            TestDatabase.MARIADB.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    private StorageSessionEngine engine(String url, String table, boolean migrate) {
        StorageSessionEngine engine = DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", SECRET,
                "sessions.db.url", url,
                "sessions.db.table", table,
                "sessions.db.migrate", Boolean.toString(migrate),
                "sessions.db.pool.max", "2")), clock);
        engines.add(engine);
        return engine;
    }

    private String url() {
        return TestDatabase.MARIADB.urlOfDatabase(database);
    }

    private void djangoTable() {
        List<String> ddl = new ArrayList<>(List.of("USE `" + database + "`"));
        ddl.addAll(List.of(DJANGO_DDL));
        TestDatabase.MARIADB.execute(ddl.toArray(String[]::new));
    }

    private List<String> query(String sql) {
        return TestDatabase.MARIADB.column(sql, database);
    }

    /** The loaded record, as if it had held {@code data} instead. */
    private static Stored withData(Stored loaded, String data) {
        return new Stored(loaded.key(), data, loaded.expiry());
    }

    @ParameterizedTest(name = "on the {0} table")
    @ValueSource(strings = {"engine-made", "Django-made"})
    @DisplayName("E1/E3 compare-and-set compares bytes: data differing only in letter case or trailing spaces is a conflict")
    void compareAndSetIsByteExact(String made) {
        String table = "Django-made".equals(made) ? "django_session" : "sessions_session";
        if (table.equals("django_session")) {
            djangoTable();
        }
        DbSessionStorage storage = (DbSessionStorage) engine(url(), table, true).storage();
        Instant expiry = clock.instant().plusSeconds(600);
        String key = "casbyteexact0000000000000000abcd";

        storage.create(key, "AbCd:xyz", expiry);
        Stored loaded = storage.load(key, clock.instant()).orElseThrow();
        assertThat(loaded.data()).isEqualTo("AbCd:xyz");
        // The collation calls these equal; the engine must not.
        assertThat(storage.replace(key, withData(loaded, "abcd:xyz"), "lost", expiry)).isEmpty();
        assertThat(storage.replace(key, withData(loaded, "ABCD:XYZ"), "lost", expiry)).isEmpty();
        assertThat(storage.replace(key, withData(loaded, "AbCd:xyz "), "lost", expiry)).isEmpty();
        assertThat(storage.load(key, clock.instant()).orElseThrow().data()).isEqualTo("AbCd:xyz");
        // The exact bytes win.
        assertThat(storage.replace(key, loaded, "next", expiry)).map(Stored::data).contains("next");

        // A stored value with a trailing space is not the same value without it (PAD SPACE collations say it is).
        String spaced = "casbyteexact0000000000000000spce";
        storage.create(spaced, "data ", expiry);
        Stored withSpace = storage.load(spaced, clock.instant()).orElseThrow();
        assertThat(withSpace.data()).isEqualTo("data ");
        assertThat(storage.replace(spaced, withData(withSpace, "data"), "lost", expiry)).isEmpty();
        assertThat(storage.load(spaced, clock.instant()).orElseThrow().data()).isEqualTo("data ");
        assertThat(storage.replace(spaced, withSpace, "kept", expiry)).map(Stored::data).contains("kept");
    }

    @Test
    @DisplayName("G2 migrate=true on Django's table leaves it exactly as Django made it; sessions pass between two engines")
    void g2_djangoTableLeftAsItIs() {
        djangoTable();
        StorageSessionEngine writer = engine(url(), "django_session", true);
        assertThat(query("SELECT CONCAT(column_name, ' ', column_type, ' ', IFNULL(collation_name, '-'))"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = 'django_session'"
                + " ORDER BY ordinal_position"))
                .containsExactly("session_key varchar(40) utf8mb4_general_ci", "session_data longtext utf8mb4_general_ci",
                        "expire_date datetime(6) -");
        assertThat(query("SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = ?"
                + " AND table_name = 'django_session'"))
                .containsExactlyInAnyOrder("PRIMARY", "django_session_expire_date_a5c62663");
        assertThat(query("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name"))
                .containsExactly("django_session", "django_session_principal", "django_session_s4j_history");

        SessionStore s = writer.open(null);
        s.put("name", "用户 ✓ ünïcödé");
        s.save();
        assertThat(engine(url(), "django_session", false).open(s.getSessionKey()).get("name")).isEqualTo("用户 ✓ ünïcödé");
    }

    @Test
    @DisplayName("G2 the engine's own table: Django's columns, binary collation, indexed expire_date; expiries stored as UTC to the microsecond")
    void ownTableAndUtcExpiry() throws SQLException {
        clock.set(Instant.parse("2031-06-07T08:09:10.123456789Z"));
        StorageSessionEngine engine = engine(url(), "sessions_session", true);
        assertThat(query("SELECT CONCAT(column_name, ' ', column_type, ' ', IFNULL(collation_name, '-'))"
                + " FROM information_schema.columns WHERE table_schema = ? AND table_name = 'sessions_session'"
                + " ORDER BY ordinal_position"))
                .containsExactly("session_key varchar(40) utf8mb4_bin", "session_data longtext utf8mb4_bin",
                        "expire_date datetime(6) -");
        assertThat(query("SELECT DISTINCT index_name FROM information_schema.statistics WHERE table_schema = ?"
                + " AND table_name = 'sessions_session'"))
                .containsExactlyInAnyOrder("PRIMARY", "sessions_session_expire_date");

        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        // Read underneath in a session whose time zone is far from UTC: a datetime column converts nothing.
        try (Connection c = TestDatabase.MARIADB.connect()) {
            c.createStatement().execute("SET time_zone = '+05:30'");
            try (PreparedStatement ps = c.prepareStatement("SELECT CAST(expire_date AS CHAR) FROM `" + database
                    + "`.sessions_session WHERE session_key = ?")) {
                ps.setString(1, s.getSessionKey());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                    assertThat(rs.getString(1)).isEqualTo("2031-06-21 08:09:10.123456");
                }
            }
        }
        Optional<Stored> stored = ((DbSessionStorage) engine.storage()).load(s.getSessionKey(), clock.instant());
        assertThat(stored.orElseThrow().expiry()).isEqualTo(Instant.parse("2031-06-21T08:09:10.123456Z"));
        assertThat(LocalDateTime.ofInstant(stored.get().expiry(), ZoneOffset.UTC).getNano()).isEqualTo(123_456_000);
    }

    @Test
    @DisplayName("jdbc:mysql: URLs work with MariaDB Connector/J alone (no MySQL Connector/J on the class path)")
    void mysqlSchemeThroughMariaDbConnector() {
        String mysqlUrl = url().replaceFirst("^jdbc:mariadb:", "jdbc:mysql:");
        StorageSessionEngine engine = engine(mysqlUrl, "sessions_session", true);
        SessionStore s = engine.open(null);
        s.put("via", "mysql scheme");
        s.save();
        assertThat(engine.open(s.getSessionKey()).get("via")).isEqualTo("mysql scheme");
        assertThat(((DbSessionStorage) engine.storage()).location()).startsWith("jdbc:mysql:").doesNotContain("permit");
    }

    @Test
    @DisplayName("A table with a TIMESTAMP expire_date (converted by the session time zone) is refused at start-up, naming datetime(6)")
    void timestampColumnRefused() {
        TestDatabase.MARIADB.execute("USE `" + database + "`", "CREATE TABLE `sessions_session` (`session_key` varchar(40)"
                + " NOT NULL PRIMARY KEY, `session_data` longtext NOT NULL, `expire_date` timestamp(6) NOT NULL)");
        assertThatThrownBy(() -> engine(url(), "sessions_session", false))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("expire_date is TIMESTAMP")
                .hasMessageContaining("datetime(6)");
    }

    @Test
    @DisplayName("A table whose session_data is shorter than Django's longtext is refused at start-up (a long session would not fit)")
    void shortDataColumnRefused() {
        TestDatabase.MARIADB.execute("USE `" + database + "`", "CREATE TABLE `sessions_session` (`session_key` varchar(40)"
                + " NOT NULL PRIMARY KEY, `session_data` text NOT NULL, `expire_date` datetime(6) NOT NULL)");
        assertThatThrownBy(() -> engine(url(), "sessions_session", false))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("session_data is TEXT")
                .hasMessageContaining("expected longtext");
    }
}

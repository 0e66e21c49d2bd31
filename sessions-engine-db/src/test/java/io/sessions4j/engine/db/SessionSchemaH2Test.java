package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.MutableClock;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The schema on H2: Flyway migrations, their own history, and the check that names what is missing. */
@DisplayName("db engine on H2: schema and migrations")
class SessionSchemaH2Test {
    private final String url = H2Databases.newUrl();
    private final MutableClock clock = MutableClock.startingNow();
    private final List<SessionEngine> engines = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        engines.forEach(SessionEngine::close);
        H2Databases.drop(url);
    }

    private SessionSettings settings(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", "schema-secret-0123456789");
        props.put("sessions.db.url", url);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return SessionSettings.of(props);
    }

    private SessionEngine engine(String... keyValues) {
        SessionEngine engine = DbEngine.create(settings(keyValues), clock);
        engines.add(engine);
        return engine;
    }

    private List<String> tables() {
        return H2Databases.column(url, "SELECT table_name FROM information_schema.tables"
                + " WHERE table_schema = 'PUBLIC' ORDER BY table_name");
    }

    @Test
    @DisplayName("migrate=true creates the table in Django's shape, indexed on expire_date, with its own history table")
    void migrateCreatesTable() {
        engine();
        assertThat(tables()).containsExactly("sessions_session", "sessions_session_principal", "sessions_session_s4j_history");
        assertThat(H2Databases.column(url, "SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_name = 'sessions_session' ORDER BY ordinal_position"))
                .containsExactly("session_key CHARACTER VARYING", "session_data CHARACTER VARYING",
                        "expire_date TIMESTAMP WITH TIME ZONE");
        assertThat(H2Databases.column(url, "SELECT column_name FROM information_schema.index_columns"
                + " WHERE table_name = 'sessions_session'")).contains("session_key", "expire_date");
    }

    @Test
    @DisplayName("migrations run once: a restart and DbEngine.migrate find the schema current")
    void migrationsRunOnce() {
        engine().close();
        engine();
        assertThat(DbEngine.migrate(settings())).isZero();
        assertThat(H2Databases.column(url, "SELECT \"version\" || ' ' || \"description\" FROM \"sessions_session_s4j_history\""
                + " WHERE \"type\" = 'SQL'")).containsExactly("1 create session table", "2 principal index");
    }

    @Test
    @DisplayName("DbEngine.migrate creates the table for an engine that only checks (the `sessions migrate` command)")
    void migrateCommandThenCheckOnly() {
        assertThat(DbEngine.migrate(settings())).isEqualTo(2);
        SessionStore s = engine("sessions.db.migrate", "false").open(null);
        s.put("a", 1);
        s.save();
        assertThat(s.getSessionKey()).isNotNull();
    }

    @Test
    @DisplayName("DbEngine.pendingMigrations lists what migrate would apply and changes nothing (`sessions migrate --dry-run`)")
    void pendingMigrationsListsWithoutApplying() {
        assertThat(DbEngine.pendingMigrations(settings())).containsExactly("1 create session table", "2 principal index");
        assertThat(tables()).isEmpty();
        assertThat(DbEngine.migrate(settings())).isEqualTo(2);
        assertThat(DbEngine.pendingMigrations(settings())).isEmpty();
    }

    @Test
    @DisplayName("migrate=false on a database without the table fails at start-up naming the table and the fix")
    void checkOnlyNamesMissingTable() {
        assertThatThrownBy(() -> engine("sessions.db.migrate", "false"))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("table sessions_session does not exist")
                .hasMessageContaining(url)
                .hasMessageContaining("sessions.db.migrate=true");
        assertThat(tables()).isEmpty();
    }

    @Test
    @DisplayName("migrate=false on a table without expire_date fails naming the missing column")
    void checkOnlyNamesMissingColumn() {
        H2Databases.execute(url, "CREATE TABLE \"sessions_session\" (\"session_key\" VARCHAR(40) PRIMARY KEY, \"session_data\" VARCHAR)");
        assertThatThrownBy(() -> engine("sessions.db.migrate", "false"))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("missing column(s) expire_date");
    }

    @Test
    @DisplayName("an existing table of the wrong shape is left alone by migrations and reported: expire_date without time zone, short key")
    void wrongShapeIsReportedEvenAfterMigrate() {
        H2Databases.execute(url, "CREATE TABLE \"sessions_session\" (\"session_key\" VARCHAR(20) PRIMARY KEY,"
                + " \"session_data\" VARCHAR, \"expire_date\" TIMESTAMP)");
        assertThatThrownBy(this::engine)
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("expire_date is TIMESTAMP, expected timestamp with time zone")
                .hasMessageContaining("session_key holds 20 characters, session keys have 32")
                .hasMessageContaining("existed before");
    }

    @Test
    @DisplayName("two engines with different tables in one database coexist, each with its own history")
    void twoTablesCoexist() {
        SessionEngine first = engine("sessions.db.table", "first_sessions");
        SessionEngine second = engine("sessions.db.table", "second_sessions");
        SessionStore a = first.open(null);
        a.put("engine", "first");
        a.save();
        SessionStore b = second.open(null);
        b.put("engine", "second");
        b.save();
        assertThat(first.open(a.getSessionKey()).get("engine")).isEqualTo("first");
        assertThat(second.open(a.getSessionKey()).get("engine")).isNull();
        assertThat(tables()).containsExactly("first_sessions", "first_sessions_principal", "first_sessions_s4j_history",
                "second_sessions", "second_sessions_principal", "second_sessions_s4j_history");
    }

    @Test
    @DisplayName("the application's own Flyway history is never touched, before or after the engine migrates")
    void applicationFlywayIsUntouched() {
        Flyway app = Flyway.configure().dataSource(url, "", "").locations("classpath:app-migrations").load();
        assertThat(app.migrate().migrationsExecuted).isEqualTo(1);
        String history = "SELECT \"installed_rank\" || ' ' || \"description\" || ' ' || COALESCE(CAST(\"checksum\" AS VARCHAR), '-') FROM \"flyway_schema_history\"";
        List<String> before = H2Databases.column(url, history);
        engine();
        assertThat(H2Databases.column(url, history)).isEqualTo(before).anyMatch(row -> row.contains("app users"));
        app.validate();
        assertThat(app.migrate().migrationsExecuted).isZero();
        assertThat(tables()).contains("APP_USERS", "flyway_schema_history", "sessions_session", "sessions_session_s4j_history");
    }

    @Test
    @DisplayName("table names are used exactly as configured, also mixed case (quoted, as Django does)")
    void mixedCaseTableName() {
        SessionStore s = engine("sessions.db.table", "MySessions").open(null);
        s.put("a", 1);
        s.save();
        assertThat(tables()).containsExactly("MySessions", "MySessions_principal", "MySessions_s4j_history");
    }

    @Test
    @DisplayName("an application DataSource is used as it is and left open when the engine closes")
    void applicationDataSourceIsNotClosed() throws Exception {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL(url);
        SessionEngine engine = DbEngine.create(settings("sessions.db.url", "jdbc:h2:mem:ignored_when_a_datasource_is_given"), ds, clock);
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        engine.close();
        try (Connection c = ds.getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        assertThat(H2Databases.column(url, "SELECT count(*) FROM \"sessions_session\"")).containsExactly("1");
    }
}

package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.TestServices;
import java.io.IOException;
import java.io.InputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G2 on PostgreSQL: the engine works unchanged on a {@code django_session} table created with Django's
 * exact DDL, and sessions pass both ways. Each test gets a schema of its own so the table can have
 * Django's real name without colliding with anyone.
 */
@DisplayName("db engine on PostgreSQL: G2 Django's django_session table")
class DjangoTablePostgresTest {
    /** Django 5's DDL for django.contrib.sessions (sqlmigrate sessions 0001), verbatim. */
    private static final String[] DJANGO_DDL = {
            "CREATE TABLE \"django_session\" (\"session_key\" varchar(40) NOT NULL PRIMARY KEY, "
                    + "\"session_data\" text NOT NULL, \"expire_date\" timestamp with time zone NOT NULL)",
            "CREATE INDEX \"django_session_expire_date_a5c62663\" ON \"django_session\" (\"expire_date\")",
            "CREATE INDEX \"django_session_session_key_c0390e0f_like\" ON \"django_session\" (\"session_key\" varchar_pattern_ops)"};
    private static final String SECRET = "django-interop-secret-0123456789";

    private final MutableClock clock = MutableClock.startingNow();
    private final List<SessionEngine> engines = new ArrayList<>();
    private String schema;

    @AfterEach
    void cleanUp() {
        engines.forEach(SessionEngine::close);
        if (schema != null) {
            TestDatabase.POSTGRES.execute("DROP SCHEMA \"" + schema + "\" CASCADE");
        }
    }

    /** A fresh schema holding only a Django-made django_session table. */
    private void djangoSchema() {
        TestServices.assumePostgres();
        schema = TestDatabase.uniqueName("s4j_django");
        TestDatabase.POSTGRES.execute("CREATE SCHEMA \"" + schema + "\"");
        String[] ddl = new String[DJANGO_DDL.length + 1];
        ddl[0] = "SET search_path TO \"" + schema + "\"";
        System.arraycopy(DJANGO_DDL, 0, ddl, 1, DJANGO_DDL.length);
        TestDatabase.POSTGRES.execute(ddl);
    }

    private String schemaUrl() {
        return TestDatabase.POSTGRES.urlWith("currentSchema=" + schema);
    }

    private SessionEngine engine(String secret, boolean migrate) {
        SessionEngine engine = DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", secret,
                "sessions.db.url", schemaUrl(),
                "sessions.db.table", "django_session",
                "sessions.db.migrate", Boolean.toString(migrate),
                "sessions.db.pool.max", "2")), clock);
        engines.add(engine);
        return engine;
    }

    private List<String> query(String sql) {
        return TestDatabase.POSTGRES.column(sql, schema);
    }

    @Test
    @DisplayName("G2 migrate=true on Django's table leaves it exactly as Django made it: same columns, same indexes, no extra one")
    void g2_migrationLeavesDjangoTableAsItIs() {
        djangoSchema();
        engine(SECRET, true);
        assertThat(query("SELECT column_name || ' ' || data_type FROM information_schema.columns"
                + " WHERE table_schema = ? AND table_name = 'django_session' ORDER BY ordinal_position"))
                .containsExactly("session_key character varying", "session_data text",
                        "expire_date timestamp with time zone");
        assertThat(query("SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = 'django_session'"))
                .containsExactlyInAnyOrder("django_session_pkey", "django_session_expire_date_a5c62663",
                        "django_session_session_key_c0390e0f_like");
        // The engine's own Flyway history sits beside it, named after the table, not flyway_schema_history;
        // so does the index by user (a table of its own: Django's keeps its shape).
        assertThat(query("SELECT table_name FROM information_schema.tables WHERE table_schema = ? ORDER BY table_name"))
                .containsExactly("django_session", "django_session_principal", "django_session_s4j_history");
    }

    @Test
    @DisplayName("G2 migrate=false accepts Django's table as it is and adds nothing")
    void g2_checkOnlyAcceptsDjangoTable() {
        djangoSchema();
        SessionStore s = engine(SECRET, false).open(null);
        s.put("k", "v");
        s.save();
        assertThat(query("SELECT table_name FROM information_schema.tables WHERE table_schema = ?"))
                .containsExactly("django_session");
    }

    @Test
    @DisplayName("G2 a session written by one engine decodes with the same secret in a second engine instance on the same table")
    void g2_sessionWrittenByOneEngineReadByAnother() throws SQLException {
        djangoSchema();
        SessionEngine writer = engine(SECRET, true);
        SessionStore s = writer.open(null);
        s.put("_auth_user_id", "42");
        s.put("name", "用户 ✓ ünïcödé");
        s.put("cart", List.of(Map.of("sku", "abc", "qty", 2)));
        s.save();

        SessionEngine reader = engine(SECRET, false);
        SessionStore read = reader.open(s.getSessionKey());
        assertThat(read.get("_auth_user_id")).isEqualTo("42");
        assertThat(read.get("name")).isEqualTo("用户 ✓ ünïcödé");
        assertThat(read.get("cart")).isEqualTo(List.of(Map.of("sku", "abc", "qty", 2)));

        // The row is what Django writes: signing.dumps output, expiry = now + cookie age, in UTC.
        try (Connection c = TestDatabase.POSTGRES.connect();
             PreparedStatement ps = c.prepareStatement("SELECT session_data, expire_date FROM \"" + schema
                     + "\".django_session WHERE session_key = ?")) {
            ps.setString(1, s.getSessionKey());
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).matches("\\.?[A-Za-z0-9_-]+:[0-9A-Za-z]+:[A-Za-z0-9_-]{43}");
                assertThat(rs.getObject(2, OffsetDateTime.class).toInstant()).isEqualTo(clock.instant().plusSeconds(1209600));
            }
        }
        assertThat(engine("another-secret-entirely-987654321", false).open(s.getSessionKey()).get("name"))
                .as("another secret reads an empty session").isNull();
    }

    @Test
    @DisplayName("G2 session_data written by Django (django-vectors.json) loads through the engine")
    void g2_djangoWrittenSessionDataLoads() throws IOException, SQLException {
        djangoSchema();
        JsonNode vectors = vectors().get("session_data");
        assertThat(vectors).isNotEmpty();
        Map<String, SessionEngine> bySecret = new HashMap<>();
        ObjectMapper json = new ObjectMapper();
        int i = 0;
        for (JsonNode vector : vectors) {
            String key = "djangovector" + i++ + "0000000000000000";
            try (Connection c = TestDatabase.POSTGRES.connect();
                 PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + schema
                         + "\".django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)")) {
                ps.setString(1, key);
                ps.setString(2, vector.get("encoded").asText());
                ps.setObject(3, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(1));
                ps.executeUpdate();
            }
            SessionEngine engine = bySecret.computeIfAbsent(vector.get("key").asText(), secret -> engine(secret, false));
            Map<String, Object> expected = json.convertValue(vector.get("object"), new TypeReference<LinkedHashMap<String, Object>>() { });
            SessionStore s = engine.open(key);
            assertThat(s.getSessionKey()).as("vector %s is a live session", key).isEqualTo(key);
            assertThat(new LinkedHashMap<>(s)).as("vector %s", key).isEqualTo(expected).isNotEmpty();
        }
    }

    @Test
    @DisplayName("G2 expire_date reads back to the microsecond, and 'infinity' as the latest expiry")
    void g2_expiryReadsBackExactly() throws SQLException {
        djangoSchema();
        StorageSessionEngine engine = (StorageSessionEngine) engine(SECRET, false);
        SessionStore s = engine.open(null);
        s.put("k", "v");
        s.save();
        String data = engine.storage().load(s.getSessionKey(), clock.instant()).orElseThrow().data();
        Instant exact = Instant.parse("2031-05-06T07:08:09.123457Z");
        try (Connection c = TestDatabase.POSTGRES.connect();
             PreparedStatement ps = c.prepareStatement("INSERT INTO \"" + schema
                     + "\".django_session (session_key, session_data, expire_date) VALUES (?, ?, ?)")) {
            ps.setString(1, "exactexpiry000000000000000000000");
            ps.setString(2, data);
            ps.setObject(3, OffsetDateTime.ofInstant(exact, ZoneOffset.ofHoursMinutes(5, 30)));
            ps.executeUpdate();
            ps.setString(1, "infiniteexpiry000000000000000000");
            ps.setObject(3, "infinity", java.sql.Types.OTHER);
            ps.executeUpdate();
        }
        assertThat(engine.storage().load("exactexpiry000000000000000000000", clock.instant()).orElseThrow().expiry())
                .isEqualTo(exact);
        assertThat(engine.storage().load("infiniteexpiry000000000000000000", clock.instant()).orElseThrow().expiry())
                .isEqualTo(Instant.parse("9999-12-31T23:59:59Z"));
        assertThat(engine.open("infiniteexpiry000000000000000000").get("k")).isEqualTo("v");
        assertThat(engine.storage().load("exactexpiry000000000000000000000", exact)).as("expired at its own instant").isEmpty();
        assertThat(engine.storage().load("exactexpiry000000000000000000000", exact.minusNanos(1000))).isPresent();
    }

    private static JsonNode vectors() throws IOException {
        try (InputStream in = DjangoTablePostgresTest.class.getResourceAsStream("/django-vectors.json")) {
            return new ObjectMapper().readTree(in);
        }
    }
}

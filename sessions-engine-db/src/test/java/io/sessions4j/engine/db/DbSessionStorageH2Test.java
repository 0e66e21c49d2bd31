package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Engine-specific behaviour on H2: time from the injected clock, stored precision, faults and limits. */
@DisplayName("db engine on H2: storage behaviour")
class DbSessionStorageH2Test {
    private final String url = H2Databases.newUrl();
    private final MutableClock clock = MutableClock.startingNow();
    private StorageSessionEngine engine;

    @BeforeEach
    void startEngine() {
        engine = DbEngine.create(settings(Map.of()), clock);
    }

    @AfterEach
    void cleanUp() {
        engine.close();
        H2Databases.drop(url);
    }

    private SessionSettings settings(Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("sessions.secret.key", "storage-secret-0123456789");
        props.putIfAbsent("sessions.db.url", url);
        return SessionSettings.of(props);
    }

    private DbSessionStorage storage() {
        return (DbSessionStorage) engine.storage();
    }

    @Test
    @DisplayName("H4 count: live and expired rows, by the engine's clock (sessions stats)")
    void countsLiveAndExpired() {
        for (int i = 0; i < 3; i++) {
            SessionStore s = engine.open(null);
            s.put("i", i);
            s.setExpiry(10 + i * 100);
            s.save();
        }
        assertThat(engine.count()).contains(new io.sessions4j.api.SessionCounts(3, 0));
        clock.advance(java.time.Duration.ofSeconds(150));
        assertThat(engine.count()).contains(new io.sessions4j.api.SessionCounts(1, 2));
        assertThat(engine.clearExpired()).isEqualTo(2);
        assertThat(engine.count()).contains(new io.sessions4j.api.SessionCounts(1, 0));
    }

    @Test
    @DisplayName("C6/C8 expiry is judged by the engine's clock, never the database's: a session from 2001 lives in 2001")
    void expiryFollowsInjectedClockNotDatabaseClock() {
        clock.set(Instant.parse("2001-02-03T04:05:06Z"));
        SessionStore s = engine.open(null);
        s.put("year", 2001);
        s.save();
        // The database's own clock says it is decades later; the session is still live for the engine.
        assertThat(engine.open(s.getSessionKey()).get("year")).isEqualTo(2001);
        assertThat(engine.clearExpired()).isZero();

        clock.set(Instant.parse("2001-02-17T04:05:06Z")); // exactly the cookie age later: expired (expire_date <= now)
        assertThat(engine.open(s.getSessionKey()).get("year")).isNull();
        assertThat(engine.clearExpired()).isEqualTo(1);
    }

    @Test
    @DisplayName("expiries are stored as UTC instants truncated to microseconds; the returned record matches what loads")
    void expiryTruncatedToMicros() {
        Instant expiry = Instant.parse("2100-01-02T03:04:05.123456789Z");
        Stored created = storage().create("microsecondskey0000000000000000", "data", expiry);
        assertThat(created.expiry()).isEqualTo(Instant.parse("2100-01-02T03:04:05.123456Z"));
        assertThat(storage().load("microsecondskey0000000000000000", clock.instant())).contains(created);
        assertThat(H2Databases.column(url, "SELECT CAST(\"expire_date\" AS VARCHAR) FROM \"sessions_session\""))
                .containsExactly("2100-01-02 03:04:05.123456+00");

        Stored replaced = storage().replace("microsecondskey0000000000000000", created, "data2",
                expiry.plusNanos(100)).orElseThrow(); // still .123456 once truncated
        assertThat(replaced.expiry()).isEqualTo(created.expiry());
        assertThat(storage().load("microsecondskey0000000000000000", clock.instant())).contains(replaced);
    }

    @Test
    @DisplayName("E1/E3 replace is a compare-and-set on the loaded data; a null expectation replaces whatever is there")
    void replaceComparesLoadedData() {
        Instant expiry = clock.instant().plusSeconds(60);
        Stored v1 = storage().create("casdatakey00000000000000000000", "one", expiry);
        Stored v2 = storage().replace("casdatakey00000000000000000000", v1, "two", expiry).orElseThrow();
        assertThat(storage().replace("casdatakey00000000000000000000", v1, "stale", expiry)).isEmpty();
        assertThat(storage().load("casdatakey00000000000000000000", clock.instant())).contains(v2);
        assertThat(storage().replace("casdatakey00000000000000000000", null, "three", expiry)).isPresent();
        storage().delete("casdatakey00000000000000000000");
        assertThat(storage().replace("casdatakey00000000000000000000", null, "four", expiry)).isEmpty();
        assertThat(storage().exists("casdatakey00000000000000000000", clock.instant())).isFalse();
    }

    @Test
    @DisplayName("E5 a storage fault (table gone) is a SessionStorageException naming the engine, operation and database — not an empty session; fixed, it works again")
    void faultIsAnExceptionThenRecovers() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        H2Databases.execute(url, "ALTER TABLE \"sessions_session\" RENAME TO \"moved_away\"");

        SessionStore reader = engine.open(s.getSessionKey());
        assertThatThrownBy(() -> reader.get("a"))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageStartingWith("db engine: load failed on " + url)
                .hasMessageContaining("sessions_session");
        assertThat(reader.getSessionKey()).isEqualTo(s.getSessionKey());

        H2Databases.execute(url, "ALTER TABLE \"moved_away\" RENAME TO \"sessions_session\"");
        assertThat(engine.open(s.getSessionKey()).get("a")).isEqualTo(1);
    }

    @Test
    @DisplayName("a session too large for a hand-made table's column is a SessionTooLargeException, and the stored one is unchanged")
    void tooLargeForColumn() {
        H2Databases.execute(url, "CREATE TABLE \"small_sessions\" (\"session_key\" VARCHAR(40) PRIMARY KEY,"
                + " \"session_data\" VARCHAR(300) NOT NULL, \"expire_date\" TIMESTAMP WITH TIME ZONE NOT NULL)");
        try (StorageSessionEngine small = DbEngine.create(settings(Map.of("sessions.db.table", "small_sessions",
                "sessions.db.migrate", "false")), clock)) {
            SessionStore s = small.open(null);
            s.put("a", 1);
            s.save();
            StringBuilder noise = new StringBuilder();
            Random random = new Random(7);
            while (noise.length() < 1000) {
                noise.append(Long.toString(random.nextLong(), 36));
            }
            SessionStore big = small.open(s.getSessionKey());
            big.put("noise", noise.toString());
            assertThatThrownBy(big::save).isInstanceOf(SessionTooLargeException.class)
                    .hasMessageContaining("session_data").hasMessageContaining("small_sessions");
            assertThat(small.open(s.getSessionKey())).containsOnlyKeys("a");
        }
    }

    @Test
    @DisplayName("a save with an expiry in the past is stored, simply expired")
    void pastExpirySaves() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.setExpiry(Duration.ofSeconds(-60));
        s.save();
        assertThat(H2Databases.column(url, "SELECT count(*) FROM \"sessions_session\"")).containsExactly("1");
        assertThat(engine.open(s.getSessionKey()).get("a")).isNull();
    }

    @Test
    @DisplayName("the expire_date column holds the session's expiry date")
    void expireDateColumnIsSessionExpiry() {
        SessionStore s = engine.open(null);
        s.setExpiry(Duration.ofMinutes(30));
        s.save();
        Stored stored = storage().load(s.getSessionKey(), clock.instant()).orElseThrow();
        assertThat(stored.expiry()).isEqualTo(clock.instant().plus(Duration.ofMinutes(30)));
        assertThat(OffsetDateTime.parse(H2Databases.column(url,
                "SELECT FORMATDATETIME(\"expire_date\", 'yyyy-MM-dd''T''HH:mm:ssXXX') FROM \"sessions_session\"").get(0))
                .toInstant()).isEqualTo(stored.expiry());
    }

    @Test
    @DisplayName("a closed engine fails clearly instead of reopening anything")
    void closedEngineFails() {
        engine.close();
        assertThatThrownBy(() -> engine.open("closedenginekey00000000000000000").get("a"))
                .isInstanceOf(SessionStorageException.class)
                .hasMessageContaining("load failed");
    }

    @Test
    @DisplayName("H1 a URL of an unsupported database fails at start-up naming the supported ones")
    void unsupportedDatabase() {
        assertThatThrownBy(() -> DbEngine.create(settings(Map.of("sessions.db.url", "jdbc:db2://db/app?password=hunter2")), clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("jdbc:db2://db/app?password=****")
                .hasMessageContaining("H2")
                .hasMessageContaining("PostgreSQL")
                .hasMessageContaining("MariaDB/MySQL")
                .hasMessageNotContaining("hunter2");
        // A libpq URL instead of a JDBC one is a likely slip; its password is masked too.
        assertThatThrownBy(() -> DbEngine.create(settings(Map.of("sessions.db.url", "postgresql://app:hunter2@db/app")), clock))
                .isInstanceOf(SessionConfigurationException.class)
                .hasMessageContaining("sessions.db.url")
                .hasMessageContaining("postgresql://app:****@db/app")
                .hasMessageNotContaining("hunter2");
    }
}

package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Issue #20: where the driver hands out the row's own bytes of {@code session_data} (pgJDBC), a read decodes them in
 * place and makes the String only when a save's compare-and-set needs it. One subclass per server, so the bytes path
 * and the String path (MariaDB) answer the same checks.
 */
abstract class ServerStoredDataTest {
    private final String table = TestDatabase.uniqueName("s4j_bytes");
    private final MutableClock clock = MutableClock.startingNow();
    private StorageSessionEngine engine;

    /** The server; skipped (or failed in CI) when it is down. */
    protected abstract TestDatabase database();

    /** Whether this server's records are read as bytes. */
    protected abstract boolean readsBytes();

    @BeforeEach
    void startEngine() {
        database().assumeUp();
        engine = DbEngine.create(SessionSettings.of(Map.of("sessions.secret.key", "bytes-secret-0123456789-abcdefghijklmnopqrstuvwxyz",
                "sessions.db.url", database().url(), "sessions.db.table", table, "sessions.db.pool.max", "2")), clock);
    }

    @AfterEach
    void cleanUp() {
        if (engine != null) {
            engine.close();
            database().dropSessionTable(table);
        }
    }

    @Test
    @DisplayName("a loaded record holds the data as written and compare-and-sets against it; a stale one never wins")
    void loadedRecordComparesAsWritten() {
        SessionStore s = engine.open(null);
        s.put("name", "用户 ✓");
        s.save();
        SessionStorage storage = engine.storage();
        String written = storedData(s.getSessionKey());
        Instant now = clock.instant();

        Stored loaded = storage.load(s.getSessionKey(), now).orElseThrow();
        assertThat(loaded.bytes() != null).as("read as bytes").isEqualTo(readsBytes());
        assertThat(loaded.data()).isEqualTo(written);

        String next = engine.context().codec().encode(Map.of("name", "next"), now.plusSeconds(1));
        assertThat(storage.replace(s.getSessionKey(), loaded, next, now.plusSeconds(600))).isPresent();
        assertThat(storage.replace(s.getSessionKey(), loaded, written, now.plusSeconds(600))).as("stale").isEmpty();
        assertThat(engine.open(s.getSessionKey()).get("name")).isEqualTo("next");
    }

    @Test
    @DisplayName("two requests that read the same record and save different keys both survive")
    void concurrentSavesFromBytesReadsAreNotLost() {
        SessionStore s = engine.open(null);
        s.put("a", 0);
        s.save();
        SessionStore first = engine.open(s.getSessionKey());
        SessionStore second = engine.open(s.getSessionKey());
        assertThat(first.get("a")).isEqualTo(0);
        assertThat(second.get("a")).isEqualTo(0);
        first.put("b", 1);
        first.save();
        second.put("c", 2);
        second.save();
        SessionStore merged = engine.open(s.getSessionKey());
        assertThat(List.of(merged.get("a"), merged.get("b"), merged.get("c"))).containsExactly(0, 1, 2);
    }

    @Test
    @DisplayName("tampered, foreign or non-ASCII data in the row reads as an empty session, never as an error")
    void badRowsReadEmpty() throws SQLException {
        SessionStore s = engine.open(null);
        s.put("user", "u1");
        s.save();
        String key = s.getSessionKey();
        String good = storedData(key);
        int colon = good.lastIndexOf(':');
        for (String bad : List.of("é" + good, good.substring(0, colon + 1) + "é".repeat(43),
                good.substring(0, colon + 1) + (good.charAt(colon + 1) == 'A' ? 'B' : 'A') + good.substring(colon + 2),
                "not signed at all", "")) {
            setStoredData(key, bad);
            SessionStore read = engine.open(key);
            assertThat(read.get("user")).as(bad).isNull();
            assertThat(read.getSessionKey()).as("a key whose data fails is never adopted").isNull();
        }
        setStoredData(key, good);
        assertThat(engine.open(key).get("user")).isEqualTo("u1");
    }

    private String storedData(String key) {
        return database().column("SELECT " + database().quote("session_data") + " FROM " + database().quote(table)
                + " WHERE " + database().quote("session_key") + " = ?", key).get(0);
    }

    private void setStoredData(String key, String data) throws SQLException {
        try (Connection c = database().connect(); PreparedStatement ps = c.prepareStatement("UPDATE "
                + database().quote(table) + " SET " + database().quote("session_data") + " = ? WHERE "
                + database().quote("session_key") + " = ?")) {
            ps.setString(1, data);
            ps.setString(2, key);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }
}

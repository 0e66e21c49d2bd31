package io.sessions4j.engine.db;

import io.sessions4j.testkit.CountingDataSource;
import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.MutableClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Round trips per operation, counted as JDBC statements through a proxy DataSource (never timed):
 * a read-only request is one SELECT, a save one UPDATE, a new session one INSERT, and no operation
 * adds transaction calls. Runs over an application DataSource, so it also covers that path.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AbstractStatementCountsTest {
    protected final MutableClock clock = MutableClock.startingNow();
    private CountingDataSource counting;
    private SessionEngine engine;

    /** The database to count on; called once. */
    protected abstract DataSource targetDataSource();

    /** Settings beyond the secret, e.g. a table name. */
    protected abstract Map<String, String> properties();

    @BeforeAll
    void startEngine() {
        counting = new CountingDataSource(targetDataSource());
        Map<String, String> props = new HashMap<>(properties());
        props.put("sessions.secret.key", "statement-count-secret-0123456789");
        props.put("sessions.db.clear_batch_size", "10");
        engine = DbEngine.create(SessionSettings.of(props), counting.dataSource(), clock);
    }

    @AfterAll
    void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    @BeforeEach
    void resetCounts() {
        clock.set(java.time.Instant.ofEpochSecond(java.time.Instant.now().getEpochSecond()));
        counting.reset();
    }

    private String saved(Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        counting.reset();
        return s.getSessionKey();
    }

    private void assertStatements(String... kinds) {
        assertThat(counting.executed()).as("statements run").hasSize(kinds.length);
        for (int i = 0; i < kinds.length; i++) {
            assertThat(counting.executed().get(i)).as("statement %d", i + 1).startsWith(kinds[i]);
        }
        assertThat(counting.transactionCalls()).as("commit/rollback/setAutoCommit calls").isZero();
    }

    @Test
    @DisplayName("Round trips: a request that never touches the session runs no statement")
    void untouchedRequestRunsNothing() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        assertThat(s.getSessionKey()).isEqualTo(key);
        assertStatements();
    }

    @Test
    @DisplayName("Round trips: a read-only request is exactly one SELECT and writes nothing")
    void readOnlyRequestIsOneSelect() {
        String key = saved(Map.of("a", 1, "b", "two"));
        SessionStore s = engine.open(key);
        assertThat(s.get("a")).isEqualTo(1);
        assertThat(s.get("b")).isEqualTo("two");
        assertThat(s.keySet()).hasSize(2);
        assertStatements("SELECT");
    }

    @Test
    @DisplayName("Round trips: saving a loaded, changed session is exactly one UPDATE")
    void saveOfExistingSessionIsOneUpdate() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.get("a");
        counting.reset();
        s.put("b", 2);
        s.save();
        assertStatements("UPDATE");
        assertThat(engine.open(key).get("b")).isEqualTo(2);
    }

    @Test
    @DisplayName("Round trips: saving a logged-in session that keeps its principal is still one UPDATE (index untouched)")
    void saveOfLoggedInSessionIsOneUpdate() {
        String key = saved(Map.of("_auth_user_id", "42"));
        SessionStore s = engine.open(key);
        s.put("b", 2);
        s.save();
        assertStatements("SELECT", "UPDATE");
    }

    @Test
    @DisplayName("Round trips: binding a principal costs one upsert into the index beside the UPDATE")
    void bindingPrincipalAddsOneUpsert() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.get("a");
        counting.reset();
        s.setPrincipal("42");
        s.save();
        assertThat(counting.executed()).hasSize(2);
        assertThat(counting.executed().get(0)).startsWith("UPDATE");
        assertThat(counting.executed().get(1)).contains("_principal");
    }

    @Test
    @DisplayName("Round trips: a new session is exactly one INSERT")
    void newSessionIsOneInsert() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        assertStatements("INSERT");
    }

    @Test
    @DisplayName("Round trips: exists and delete are one statement each")
    void existsAndDeleteAreOneStatementEach() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(null);
        assertThat(s.exists(key)).isTrue();
        assertStatements("SELECT");
        counting.reset();
        s.delete(key);
        assertStatements("DELETE");
    }

    @Test
    @DisplayName("Round trips: a save that lost the race is UPDATE (no row), SELECT, UPDATE, and keeps both changes")
    void conflictingSaveRereadsOnce() {
        String key = saved(Map.of("a", 1));
        SessionStore first = engine.open(key);
        SessionStore second = engine.open(key);
        first.get("a");
        second.get("a");
        second.put("from_second", true);
        second.save();
        counting.reset();
        first.put("from_first", true);
        first.save();
        assertStatements("UPDATE", "SELECT", "UPDATE");
        assertThat(engine.open(key)).containsEntry("from_first", true).containsEntry("from_second", true);
    }

    @Test
    @DisplayName("Round trips: cycleKey of a loaded session is one INSERT and one DELETE")
    void cycleKeyIsInsertAndDelete() {
        String key = saved(Map.of("a", 1));
        SessionStore s = engine.open(key);
        s.get("a");
        counting.reset();
        s.cycleKey();
        assertStatements("INSERT", "DELETE");
    }

    @Test
    @DisplayName("G1 clearExpired runs one DELETE per batch (25 expired rows, batch 10 → 3 statements)")
    void g1_clearExpiredRunsOneStatementPerBatch() {
        for (int i = 0; i < 25; i++) {
            SessionStore s = engine.open(null);
            s.put("i", i);
            s.setExpiry(1);
            s.save();
        }
        clock.advance(Duration.ofSeconds(2));
        counting.reset();
        long removed = engine.clearExpired();
        // Other tests' sessions of this class live two weeks; only these 25 are expired.
        assertThat(removed).isEqualTo(25);
        // Three batches, then one DELETE of index-by-user rows whose session is gone.
        assertStatements("DELETE", "DELETE", "DELETE", "DELETE");
    }
}

package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.TestServices;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** G1 on PostgreSQL: a million expired rows go in bounded batches that each commit on their own. */
@DisplayName("db engine on PostgreSQL: G1 clearExpired in batches")
class ClearExpiredPostgresTest {
    private static final int EXPIRED = 1_000_000;
    private static final int LIVE = 1_000;
    private static final int BATCH = 5_000;

    private final String table = TestDatabase.uniqueName("s4j_clear");
    private final MutableClock clock = MutableClock.startingNow();
    private SessionEngine engine;

    @AfterEach
    void cleanUp() {
        if (engine != null) {
            engine.close();
            TestDatabase.POSTGRES.dropSessionTable(table);
        }
    }

    @Test
    @DisplayName("G1 1,000,000 expired rows: removed in 200 batches of 5,000, each committed before the next, live rows kept")
    void g1_millionExpiredRowsInCommittedBatches() throws SQLException {
        TestServices.assumePostgres();
        engine = DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", "clear-expired-secret-0123456789",
                "sessions.db.url", TestDatabase.POSTGRES.url(),
                "sessions.db.table", table,
                "sessions.db.pool.max", "2")), clock);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        String quoted = "\"" + table + "\"";

        try (Connection observer = TestDatabase.POSTGRES.connect()) {
            // Expired rows expire one second apart up to "now" (expire_date <= now counts as expired); live ones later.
            try (PreparedStatement fill = observer.prepareStatement("INSERT INTO " + quoted
                    + " SELECT ? || lpad(g::text, 25, '0'), 'x', ?::timestamptz - make_interval(secs => g - 1)"
                    + " FROM generate_series(1, ?) g")) {
                fill.setString(1, "expired");
                fill.setObject(2, now);
                fill.setInt(3, EXPIRED);
                assertThat(fill.executeUpdate()).isEqualTo(EXPIRED);
                fill.setString(1, "live000");
                fill.setObject(2, now.plusDays(1));
                fill.setInt(3, LIVE);
                assertThat(fill.executeUpdate()).isEqualTo(LIVE);
            }
            try (Statement s = observer.createStatement()) {
                s.execute("ANALYZE " + quoted);
            }

            List<Long> reports = new ArrayList<>();
            List<Long> seenByObserver = new ArrayList<>();
            long removed = engine.clearExpired(total -> {
                reports.add(total);
                // Between batches nothing of the run may hold a lock: a SHARE lock conflicts with any
                // uncommitted DELETE on the table, and NOWAIT fails at once if one were still open.
                assertThat(lockTableNowait(observer, quoted)).as("table lockable after %d removed", total).isTrue();
                if (reports.size() == 1 || reports.size() % 50 == 0) {
                    seenByObserver.add(count(observer, quoted));
                    // Committed as it goes: another connection already sees the rows gone.
                    assertThat(seenByObserver.get(seenByObserver.size() - 1)).isEqualTo(EXPIRED + LIVE - total);
                }
            });

            assertThat(removed).isEqualTo(EXPIRED);
            assertThat(reports).hasSize(EXPIRED / BATCH);
            for (int i = 0; i < reports.size(); i++) {
                assertThat(reports.get(i)).as("running total after batch %d", i + 1).isEqualTo((long) (i + 1) * BATCH);
            }
            assertThat(seenByObserver).hasSize(5).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            assertThat(count(observer, quoted)).isEqualTo(LIVE);
            assertThat(engine.clearExpired()).isZero();
        }
    }

    private static boolean lockTableNowait(Connection c, String table) {
        try {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("LOCK TABLE " + table + " IN SHARE MODE NOWAIT");
                return true;
            } finally {
                c.rollback();
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            return false;
        }
    }

    private static long count(Connection c, String table) {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

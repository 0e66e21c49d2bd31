package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.MutableClock;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * G1 on MariaDB: {@code DELETE ... ORDER BY expire_date LIMIT n}, one committed statement per batch, run by
 * two nodes at once while requests keep saving sessions in the same table.
 */
@DisplayName("db engine on MariaDB: G1 clearExpired in batches, two nodes at once")
class ClearExpiredMariaDbTest {
    private static final int EXPIRED = 40_000;
    private static final int LIVE = 200;
    private static final int BATCH = 1_000;

    private final String table = TestDatabase.uniqueName("s4j_clear");
    private final MutableClock clock = MutableClock.startingNow();
    private final List<SessionEngine> nodes = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        nodes.forEach(SessionEngine::close);
        if (!nodes.isEmpty()) {
            TestDatabase.MARIADB.dropSessionTable(table);
        }
    }

    private SessionEngine node() {
        SessionEngine node = DbEngine.create(SessionSettings.of(Map.of(
                "sessions.secret.key", "clear-expired-secret-0123456789",
                "sessions.db.url", TestDatabase.MARIADB.url(),
                "sessions.db.table", table,
                "sessions.db.clear_batch_size", Integer.toString(BATCH),
                "sessions.db.pool.max", "3")), clock);
        nodes.add(node);
        return node;
    }

    @Test
    @DisplayName("G1 two nodes clear 40,000 expired rows at once, in committed batches, beside live saves: each row counted once, live rows kept, no deadlock")
    void g1_twoNodesClearAtOnce() throws Exception {
        TestDatabase.MARIADB.assumeUp();
        SessionEngine first = node();
        SessionEngine second = node();
        List<String> live = new ArrayList<>();
        for (int i = 0; i < LIVE; i++) {
            SessionStore s = first.open(null);
            s.put("n", 0);
            s.save();
            live.add(s.getSessionKey());
        }
        String quoted = "`" + table + "`";
        try (Connection c = TestDatabase.MARIADB.connect();
             PreparedStatement fill = c.prepareStatement("INSERT INTO " + quoted + " SELECT CONCAT('expired', LPAD(seq, 25, '0')),"
                     + " 'x', ? - INTERVAL seq SECOND FROM seq_1_to_" + EXPIRED)) {
            fill.setObject(1, LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
            assertThat(fill.executeUpdate()).isEqualTo(EXPIRED);
        }

        ExecutorService pool = Executors.newFixedThreadPool(3);
        AtomicBoolean clearing = new AtomicBoolean(true);
        try (Connection observer = TestDatabase.MARIADB.connect()) {
            List<Long> seen = new ArrayList<>();
            // Requests keep saving live sessions (UPDATE by key) while the cleaners walk the expiry index.
            Future<Integer> saves = pool.submit(() -> {
                int saved = 0;
                while (clearing.get() || saved < LIVE) {
                    SessionStore s = second.open(live.get(saved % LIVE));
                    s.put("n", saved);
                    s.save();
                    saved++;
                }
                return saved;
            });
            Callable<Long> firstRun = () -> first.clearExpired(total -> {
                if (seen.size() < 5) {
                    // Committed as it goes: another connection already sees fewer rows after each batch.
                    seen.add(count(observer, quoted));
                }
            });
            Future<Long> a = pool.submit(firstRun);
            Future<Long> b = pool.submit(() -> second.clearExpired());
            long removed = a.get(120, TimeUnit.SECONDS) + b.get(120, TimeUnit.SECONDS);
            clearing.set(false);
            assertThat(saves.get(120, TimeUnit.SECONDS)).isGreaterThanOrEqualTo(LIVE);

            assertThat(removed).as("rows removed by both nodes together").isEqualTo(EXPIRED);
            assertThat(seen).isNotEmpty().isSortedAccordingTo((x, y) -> Long.compare(y, x));
            assertThat(seen.get(0)).isLessThan(EXPIRED + LIVE);
            assertThat(count(observer, quoted)).isEqualTo(LIVE);
            for (String key : live) {
                assertThat(first.open(key).get("n")).as("live session %s", key).isNotNull();
            }
            assertThat(first.clearExpired()).isZero();
        } finally {
            clearing.set(false);
            pool.shutdownNow();
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

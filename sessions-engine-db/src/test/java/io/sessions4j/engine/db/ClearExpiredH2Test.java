package io.sessions4j.engine.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.MutableClock;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** G1 on H2: bounded batches from sessions.db.clear_batch_size, each committed before the next. */
@DisplayName("db engine on H2: G1 clearExpired in batches")
class ClearExpiredH2Test {
    private final String url = H2Databases.newUrl();
    private final MutableClock clock = MutableClock.startingNow();
    private SessionEngine engine;

    @AfterEach
    void cleanUp() {
        if (engine != null) {
            engine.close();
        }
        H2Databases.drop(url);
    }

    @Test
    @DisplayName("G1 12,345 expired rows, batch 1,000: 13 batches, progress after each, another connection sees each commit; live rows kept")
    void g1_batchesCommitAsTheyGo() throws SQLException {
        engine = DbEngine.create(SessionSettings.of(Map.of("sessions.secret.key", "clear-h2-secret-0123456789",
                "sessions.db.url", url, "sessions.db.clear_batch_size", "1000")), clock);
        OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (Connection observer = DriverManager.getConnection(url)) {
            try (PreparedStatement fill = observer.prepareStatement("INSERT INTO \"sessions_session\" SELECT"
                    + " ? || LPAD(CAST(X AS VARCHAR), 25, '0'), 'x', DATEADD(SECOND, -X + ?, CAST(? AS TIMESTAMP WITH TIME ZONE))"
                    + " FROM SYSTEM_RANGE(1, ?)")) {
                fill.setString(1, "expired");
                fill.setInt(2, 1);
                fill.setObject(3, now);
                fill.setInt(4, 12_345);
                assertThat(fill.executeUpdate()).isEqualTo(12_345);
                fill.setString(1, "live000");
                fill.setInt(2, 100_000);
                fill.setInt(4, 10);
                assertThat(fill.executeUpdate()).isEqualTo(10);
            }
            List<Long> reports = new ArrayList<>();
            long removed = engine.clearExpired(total -> {
                reports.add(total);
                assertThat(count(observer)).as("rows seen by another connection after %d removed", total)
                        .isEqualTo(12_345 + 10 - total);
            });
            assertThat(removed).isEqualTo(12_345);
            assertThat(reports).hasSize(13).startsWith(1000L, 2000L).endsWith(12_000L, 12_345L);
            assertThat(count(observer)).isEqualTo(10);
        }
    }

    private static long count(Connection c) {
        try (PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM \"sessions_session\"");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}

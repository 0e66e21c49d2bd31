package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ExpiredSessionSweeperTest {

    @Test
    @DisplayName("C8 sessions.clear_expired.interval clears expired sessions in-process, keeps live ones")
    void sweepsInProcess() throws InterruptedException {
        MutableClock clock = MutableClock.startingNow();
        InMemorySessionStorage storage = new InMemorySessionStorage();
        try (StorageSessionEngine engine = new StorageSessionEngine("memory", SessionSettings.of(Map.of(
                "sessions.secret.key", "s", "sessions.clear_expired.interval", "PT0.05S")), clock, storage)) {
            SessionStore dying = engine.open(null);
            dying.setExpiry(1);
            dying.save();
            SessionStore live = engine.open(null);
            live.put("x", 1);
            live.save();
            clock.advance(Duration.ofSeconds(2));
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (storage.records().containsKey(dying.getSessionKey()) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertThat(storage.records()).doesNotContainKey(dying.getSessionKey()).containsKey(live.getSessionKey());
        }
    }

    @Test
    @DisplayName("no interval, no sweeper thread")
    void offByDefault() {
        try (StorageSessionEngine engine = new StorageSessionEngine("memory-without-sweeper",
                SessionSettings.of(Map.of("sessions.secret.key", "s")), MutableClock.startingNow(),
                new InMemorySessionStorage())) {
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch(t -> t.getName().equals("sessions4j-clear-expired-memory-without-sweeper"));
        }
    }
}

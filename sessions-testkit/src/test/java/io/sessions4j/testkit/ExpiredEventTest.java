package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.events.SessionEvent;
import io.sessions4j.api.events.SessionEvents;
import io.sessions4j.api.users.SessionHandles;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** EXPIRED is told once when a read finds a stored session the store judges ended (sessions.max_lifetime). */
class ExpiredEventTest {
    @Test
    @DisplayName("a session older than sessions.max_lifetime reads as expired and is told once, with its handle")
    void lifetimeEndedOnRead() {
        MutableClock clock = MutableClock.startingNow();
        InMemorySessionStorage storage = new InMemorySessionStorage();
        Map<String, String> base = Map.of("sessions.secret.key", "expired-event-test-secret");
        try (StorageSessionEngine unbounded = new StorageSessionEngine("memory", SessionSettings.of(base), clock, storage);
             StorageSessionEngine bounded = new StorageSessionEngine("memory", SessionSettings.of(
                     Map.of("sessions.secret.key", "expired-event-test-secret", "sessions.max_lifetime", "60")), clock, storage)) {
            SessionStore old = unbounded.open(null);
            old.put(SessionStore.CREATED_KEY, clock.millis() - 3_600_000L);
            old.setPrincipal("7");
            old.save();
            SessionEngineContract.RecordingListener listener = new SessionEngineContract.RecordingListener();
            bounded.capability(SessionEvents.class).orElseThrow().addListener(listener);

            SessionStore read = bounded.open(old.getSessionKey());
            assertThat(read.get("_auth_user_id")).isNull();
            assertThat(read.getSessionKey()).isNull();
            assertThat(unbounded.open(old.getSessionKey()).getPrincipal()).isEqualTo("7");

            assertThat(listener.types()).containsExactly(SessionEvent.Type.EXPIRED);
            assertThat(listener.events.get(0).handle()).isEqualTo(SessionHandles.of(old.getSessionKey()));
            assertThat(listener.events.get(0).principal()).isEqualTo("7");
        }
    }
}

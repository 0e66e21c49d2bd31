package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionAttributes;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A session as a framework's attribute map: typed values in and out, the store's bookkeeping hidden. */
class SessionAttributesTest {
    record Point(int x, int y) {
    }

    private final StorageSessionEngine engine = new StorageSessionEngine("memory", SessionSettings.of(Map.of(
            "sessions.engine", "memory", "sessions.secret.key", "attributes-test-secret",
            "sessions.serializer.allowed_types", Point.class.getName())), MutableClock.startingNow(),
            new InMemorySessionStorage());

    @Test
    @DisplayName("A16 A value put through the map comes back as its type on the next request; the store keeps JSON")
    void typedValuesRoundTrip() {
        SessionStore first = engine.open(null);
        new SessionAttributes(first).put("point", new Point(1, 2));
        new SessionAttributes(first).put("name", "ann");
        first.save();

        SessionStore next = engine.open(first.getSessionKey());
        SessionAttributes attributes = new SessionAttributes(next);
        assertThat(attributes.get("point")).isEqualTo(new Point(1, 2));
        assertThat(attributes).containsEntry("name", "ann").containsEntry("point", new Point(1, 2)).hasSize(2);
        assertThat(next.get("point")).isInstanceOf(Map.class);
    }

    @Test
    @DisplayName("The store's bookkeeping keys are neither shown nor writable; clear() keeps them")
    void bookkeepingIsHidden() {
        SessionStore store = engine.open(null);
        store.setExpiry(Duration.ofMinutes(5));
        store.put(SessionStore.CREATED_KEY, 1L);
        SessionAttributes attributes = new SessionAttributes(store);
        attributes.put("a", "1");

        assertThat(attributes).containsOnlyKeys("a");
        assertThat(attributes.get(SessionStore.EXPIRY_KEY)).isNull();
        assertThat(attributes.containsKey(SessionStore.CREATED_KEY)).isFalse();
        assertThatThrownBy(() -> attributes.put(SessionStore.EXPIRY_KEY, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(attributes.remove(SessionStore.CREATED_KEY)).isNull();

        attributes.clear();
        assertThat(attributes).isEmpty();
        assertThat(store).containsKeys(SessionStore.EXPIRY_KEY, SessionStore.CREATED_KEY).doesNotContainKey("a");
    }

    @Test
    @DisplayName("null removes an attribute; remove returns the typed value")
    void nullRemoves() {
        SessionStore store = engine.open(null);
        SessionAttributes attributes = new SessionAttributes(store);
        attributes.put("point", new Point(3, 4));

        assertThat(attributes.remove("point")).isEqualTo(new Point(3, 4));
        attributes.put("b", "x");
        attributes.put("b", null);
        assertThat(store).doesNotContainKeys("point", "b");
    }

    @Test
    @DisplayName("A type outside the allowlist is refused at put, naming the type")
    void unlistedTypeIsRefused() {
        SessionAttributes attributes = new SessionAttributes(engine.open(null));
        assertThatThrownBy(() -> attributes.put("thread", new StringBuilder("x")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("StringBuilder");
    }
}

package io.sessions4j.engine.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sessions4j.api.CreateException;
import io.sessions4j.spi.SessionStorage.Stored;
import io.sessions4j.engine.cache.ehcache.EhcacheSessionCache;
import io.sessions4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The storage adapter shared by both backends (shown on Ehcache): versions, past expiries, no resurrection. */
class CacheSessionStorageTest {
    private final MutableClock clock = MutableClock.startingNow();
    private final CacheSessionStorage storage = new CacheSessionStorage(new EhcacheSessionCache(100, null, 1, clock), clock);

    @AfterEach
    void close() {
        storage.close();
    }

    private Instant in(long seconds) {
        return clock.instant().plusSeconds(seconds);
    }

    @Test
    @DisplayName("G3 create is add-if-absent; a taken key throws CreateException")
    void g3_createIsAddIfAbsent() {
        Stored stored = storage.create("key", "data", in(60));
        assertThat(stored.data()).isEqualTo("data");
        assertThatThrownBy(() -> storage.create("key", "other", in(60))).isInstanceOf(CreateException.class);
        assertThat(storage.load("key", clock.instant())).get().extracting(Stored::data).isEqualTo("data");
    }

    @Test
    @DisplayName("G3 the version is the data: a replace against stale data fails, against current data succeeds")
    void g3_versionIsData() {
        Stored first = storage.create("key", "v1", in(60));
        Stored second = storage.replace("key", first, "v2", in(60)).orElseThrow();
        assertThat(storage.replace("key", first, "v3", in(60))).isEmpty();
        assertThat(storage.replace("key", second, "v3", in(60))).isPresent();
        assertThat(storage.load("key", clock.instant())).get().extracting(Stored::data).isEqualTo("v3");
    }

    @Test
    @DisplayName("E1 replace of a vanished entry returns empty and does not resurrect it")
    void e1_noResurrection() {
        Stored stored = storage.create("key", "v1", in(60));
        storage.delete("key");
        assertThat(storage.replace("key", stored, "v2", in(60))).isEmpty();
        assertThat(storage.replace("key", null, "v2", in(60))).isEmpty();
        assertThat(storage.exists("key", clock.instant())).isFalse();
    }

    @Test
    @DisplayName("C6 an expiry in the past stores nothing (create) or deletes (replace), and still reports Stored")
    void c6_pastExpiry() {
        assertThat(storage.create("new", "v1", in(-10)).data()).isEqualTo("v1");
        assertThat(storage.exists("new", clock.instant())).isFalse();

        storage.create("taken", "v1", in(60));
        assertThatThrownBy(() -> storage.create("taken", "v2", in(-10))).isInstanceOf(CreateException.class);

        Stored live = storage.create("live", "v1", in(60));
        assertThat(storage.replace("live", live, "v2", in(0))).isPresent();
        assertThat(storage.exists("live", clock.instant())).isFalse();
    }

    @Test
    @DisplayName("C8 the storage expires by itself: needsClearExpired false, clearExpired 0; the entry's TTL is the expiry age")
    void c8_nativeExpiry() {
        storage.create("key", "v1", in(30));
        assertThat(storage.needsClearExpired()).isFalse();
        clock.advance(Duration.ofSeconds(29));
        assertThat(storage.exists("key", clock.instant())).isTrue();
        clock.advance(Duration.ofSeconds(1));
        assertThat(storage.clearExpired(clock.instant(), n -> { })).isZero();
        assertThat(storage.exists("key", clock.instant())).isFalse();
    }
}

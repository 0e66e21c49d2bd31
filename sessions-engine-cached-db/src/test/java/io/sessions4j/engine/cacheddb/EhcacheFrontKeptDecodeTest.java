package io.sessions4j.engine.cacheddb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * cached_db with an Ehcache front goes through the same path as the cache engine (issue #20): a cache hit after the
 * first read costs no decode, every reader gets its own copy, and a session refilled from the database is kept too.
 */
class EhcacheFrontKeptDecodeTest {
    StorageSessionEngine engine;

    @BeforeEach
    void start() {
        Map<String, String> props = new HashMap<>(Backends.ehcacheOverH2(Backends.unique("cdbkept")));
        props.put("sessions.secret.key", "cached-db-kept-decode-secret-0123456789");
        engine = CachedDbEngine.create(SessionSettings.of(props), MutableClock.startingNow());
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    SessionStorage cacheTier() {
        return ((CachedDbStorage) engine.storage()).cache();
    }

    String saved() {
        SessionStore store = engine.open(null);
        store.put("cart", new ArrayList<>(List.of("a")));
        store.put("prefs", new LinkedHashMap<>(Map.of("theme", "dark")));
        store.save();
        return store.getSessionKey();
    }

    @Test
    @DisplayName("K9 a cache hit keeps what it decoded; later hits get isolated copies of it")
    @SuppressWarnings("unchecked")
    void k9_hitsKeepDecodedAndStayIsolated() {
        String key = saved();
        assertThat(cacheTier().load(key, Instant.now()).orElseThrow().decoded()).isNull();

        SessionStore first = engine.open(key);
        ((List<Object>) first.get("cart")).add("changed in place");
        assertThat(cacheTier().load(key, Instant.now()).orElseThrow().decoded()).isNotNull();
        assertThat(engine.storage().load(key, Instant.now()).orElseThrow().decoded()).as("through cached_db").isNotNull();

        SessionStore second = engine.open(key);
        assertThat(second.get("cart")).isEqualTo(List.of("a"));
        ((Map<String, Object>) second.get("prefs")).put("theme", "changed in place");
        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark"));
    }

    @Test
    @DisplayName("K10 a session read from the database on a miss fills the cache, and that entry keeps what the read decoded")
    void k10_missFillsThenKeeps() {
        String key = saved();
        cacheTier().delete(key);

        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark")); // miss: database, fill
        SessionStorage.Stored cached = cacheTier().load(key, Instant.now()).orElseThrow();
        assertThat(cached.decoded()).isNotNull();
        assertThat(cached.decoded().data()).containsEntry("cart", List.of("a"));
    }

    @Test
    @DisplayName("K11 a write drops what was kept: the next read decodes the new data")
    void k11_writeDropsKept() {
        String key = saved();
        assertThat(engine.open(key).get("prefs")).isNotNull();
        SessionStore writer = engine.open(key);
        writer.put("prefs", Map.of("theme", "light"));
        writer.save();
        assertThat(cacheTier().load(key, Instant.now()).orElseThrow().decoded()).isNull();
        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "light"));
    }
}

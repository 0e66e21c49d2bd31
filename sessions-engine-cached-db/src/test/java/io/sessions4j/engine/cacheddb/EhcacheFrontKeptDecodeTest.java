package io.sessions4j.engine.cacheddb;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.MutableClock;
import java.math.BigDecimal;
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
 * first read (or after the write that put it there) costs no decode, every reader gets its own copy, and a session
 * refilled from the database is kept too.
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
    @DisplayName("K9 a cache hit keeps what it decoded (after a refill); later hits get isolated copies of it")
    @SuppressWarnings("unchecked")
    void k9_hitsKeepDecodedAndStayIsolated() {
        String key = saved();
        cacheTier().delete(key); // the entry the write kept its session beside (K11)
        engine.open(key).get("cart"); // a miss refills the entry, and keeps what it decoded (K10)
        assertThat(cacheTier().load(key, Instant.now()).orElseThrow().decoded()).isNotNull();

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
    @DisplayName("K11 a write replaces what was kept with the session it wrote, as a decode of the new entry gives it; "
            + "a write the JSON layer does not mirror (a BigDecimal) keeps nothing, and the next read decodes")
    void k11_writeKeepsWhatItWrote() {
        String key = saved();
        SessionStorage.Stored written = cacheTier().load(key, Instant.now()).orElseThrow();
        assertThat(written.decoded()).as("kept by the write").isNotNull();
        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "dark"));
        SessionStore writer = engine.open(key);
        writer.put("prefs", Map.of("theme", "light"));
        writer.save();
        SessionStorage.Stored rewritten = cacheTier().load(key, Instant.now()).orElseThrow();
        assertThat(rewritten.decoded()).isNotSameAs(written.decoded());
        assertThat(new LinkedHashMap<>(rewritten.decoded())).isEqualTo(new LinkedHashMap<>(
                engine.context().codec().decode(rewritten.data(), Instant.now()).orElseThrow().data()));
        assertThat(engine.open(key).get("prefs")).isEqualTo(Map.of("theme", "light"));

        writer.put("price", new BigDecimal("12.50"));
        writer.save();
        assertThat(cacheTier().load(key, Instant.now()).orElseThrow().decoded()).isNull();
        assertThat(engine.open(key).get("price")).isEqualTo(12.5);
        assertThat(cacheTier().load(key, Instant.now()).orElseThrow().decoded()).as("kept by that read").isNotNull();
    }
}

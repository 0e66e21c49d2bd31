package io.sessions4j.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.users.SessionHandles;
import io.sessions4j.api.users.SessionsByUser;
import io.sessions4j.testkit.InMemorySessionStorage;
import io.sessions4j.testkit.MutableClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SessionMetricsTest {
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private SessionEngine engine;

    @BeforeEach
    void start() {
        engine = new StorageSessionEngine("memory", SessionSettings.of(Map.of("sessions.secret.key", "metrics-test-secret")),
                MutableClock.startingNow(), new InMemorySessionStorage());
        SessionMetrics.bind(engine, registry);
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private double events(String result) {
        return registry.get("sessions.events").tag("engine", "memory").tag("result", result).counter().count();
    }

    @Test
    @DisplayName("lifecycle events, saves, load and save timers and the size distribution are counted per engine")
    void countsWhatHappens() {
        SessionStore s = engine.open(null);
        s.put("a", "x".repeat(100));
        s.save();
        s.setPrincipal("42");
        s.cycleKey();
        engine.open(s.getSessionKey()).get("a");
        engine.open("nosuchsessionkeynosuchsessionkey").get("a");
        SessionStore other = engine.open(null);
        other.setPrincipal("42");
        other.save();
        engine.capability(SessionsByUser.class).orElseThrow().revoke("42", SessionHandles.of(other.getSessionKey()));
        SessionStore logout = engine.open(s.getSessionKey());
        logout.get("a");
        logout.flush();

        assertThat(events("created")).isEqualTo(2);
        assertThat(events("key_cycled")).isEqualTo(1);
        assertThat(events("principal_bound")).isEqualTo(2);
        assertThat(events("revoked")).isEqualTo(1);
        assertThat(events("deleted")).isEqualTo(1);
        assertThat(events("expired")).isZero();
        assertThat(registry.get("sessions.saved").counter().count()).isEqualTo(3);
        assertThat(registry.get("sessions.save").timer().count()).isEqualTo(3);
        assertThat(registry.get("sessions.load").tag("result", "found").timer().count()).isGreaterThanOrEqualTo(2);
        assertThat(registry.get("sessions.load").tag("result", "missing").timer().count()).isEqualTo(1);
        assertThat(registry.get("sessions.size").summary().max()).isGreaterThan(100);
    }

    @Test
    @DisplayName("concurrent saves merged into a save are counted as conflicts")
    void countsMergedConflicts() throws Exception {
        SessionStore base = engine.open(null);
        base.put("base", 0);
        base.save();
        int n = 4;
        CyclicBarrier loaded = new CyclicBarrier(n);
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try {
            List<Future<Object>> done = pool.invokeAll(java.util.stream.IntStream.range(0, n).<java.util.concurrent.Callable<Object>>mapToObj(i -> () -> {
                SessionStore s = engine.open(base.getSessionKey());
                s.get("base");
                loaded.await(10, TimeUnit.SECONDS);
                s.put("k" + i, i);
                s.save();
                return null;
            }).toList());
            for (Future<Object> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(registry.get("sessions.save.conflicts").counter().count()).isPositive();
    }

    @Test
    @DisplayName("the live gauge reads the engine's count; an engine without events cannot be bound")
    void liveGaugeAndRefusal() {
        SessionMetrics.bindLiveGauge(engine, registry);
        assertThat(registry.find("sessions.live").gauge()).isNull(); // the in-memory storage cannot count
        SessionEngine silent = new SessionEngine() {
            public String name() { return "silent"; }
            public SessionSettings settings() { return engine.settings(); }
            public java.time.Clock clock() { return engine.clock(); }
            public SessionStore open(String key) { return engine.open(key); }
            public long clearExpired(java.util.function.LongConsumer progress) { return 0; }
            public void close() { }
        };
        assertThatThrownBy(() -> SessionMetrics.bind(silent, registry)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("silent");
    }
}

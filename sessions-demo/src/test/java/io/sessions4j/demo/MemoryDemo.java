package io.sessions4j.demo;

import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.MutableClock;
import java.time.Instant;
import java.util.Map;

/** A demo server on the testkit's in-memory engine, an ephemeral port and a clock tests move. */
final class MemoryDemo implements AutoCloseable {
    static final Instant START = Instant.parse("2030-01-15T10:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final DemoServer server;

    MemoryDemo() throws Exception {
        SessionSettings settings = SessionSettings.of(Map.of(
                "sessions.engine", "memory",
                "sessions.secret.key", "demo-test-secret-not-for-production"));
        server = new DemoServer(settings, "127.0.0.1", 0, clock);
        server.start();
    }

    TestClient client() {
        return new TestClient(server.uri());
    }

    @Override
    public void close() {
        server.stop();
    }
}

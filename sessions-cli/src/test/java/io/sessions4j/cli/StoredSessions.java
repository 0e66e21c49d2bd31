package io.sessions4j.cli;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills a storage through the real engines, in the test's own process: expired sessions are saved by an
 * engine whose clock stands 30 days in the past (beyond the two-week cookie age), live ones by the present.
 */
final class StoredSessions {
    static final String SECRET = "cli-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private StoredSessions() {
    }

    /** The settings of a test, without the environment. */
    static SessionSettings settings(Map<String, String> properties) {
        Map<String, String> all = new HashMap<>(properties);
        all.putIfAbsent("sessions.secret.key", SECRET);
        return SessionSettings.of(all);
    }

    /** Saves {@code count} sessions that expired long ago; returns their keys. */
    static List<String> saveExpired(Map<String, String> properties, int count) {
        return save(properties, count, Instant.now().minus(Duration.ofDays(30)));
    }

    /** Saves {@code count} live sessions; returns their keys. */
    static List<String> saveLive(Map<String, String> properties, int count) {
        return save(properties, count, Instant.now());
    }

    /** The keys among {@code keys} whose session still loads now. */
    static List<String> loadable(Map<String, String> properties, List<String> keys) {
        List<String> found = new ArrayList<>();
        try (SessionEngine engine = SessionEngines.load(settings(properties))) {
            for (String key : keys) {
                SessionStore store = engine.open(key);
                if (store.containsKey("n")) {
                    found.add(key);
                }
            }
        }
        return found;
    }

    private static List<String> save(Map<String, String> properties, int count, Instant at) {
        List<String> keys = new ArrayList<>();
        try (SessionEngine engine = SessionEngines.load(settings(properties), new MutableClock(at))) {
            for (int i = 0; i < count; i++) {
                SessionStore store = engine.open(null);
                store.put("n", i);
                store.save();
                keys.add(store.getSessionKey());
            }
        }
        return keys;
    }
}

package io.sessions4j.engine.signedcookie;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Builds engines for the module's own tests. */
final class Engines {
    static final String SECRET = "signed-cookie-test-secret-7f3a9c1e5b2d8f4a6c0e";
    static final String OLD_SECRET = "signed-cookie-old-secret-0d9e8c7b6a5f4e3d2c1b";
    static final String OTHER_SECRET = "somebody-elses-secret-1234567890-abcdefghij";

    private Engines() {
    }

    /** An engine with {@link #SECRET} and the given {@code key, value, key, value...} settings. */
    static StorageSessionEngine engine(Clock clock, String... keyValues) {
        return SignedCookieEngine.create(SessionContext.create(settings(keyValues), clock));
    }

    static SessionSettings settings(String... keyValues) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", SECRET);
        for (int i = 0; i < keyValues.length; i += 2) {
            props.put(keyValues[i], keyValues[i + 1]);
        }
        return SessionSettings.of(props);
    }
}

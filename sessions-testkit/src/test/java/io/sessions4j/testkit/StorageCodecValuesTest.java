package io.sessions4j.testkit;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import java.util.Map;

/** A16 on the stored codec every server-side engine shares (signed, optionally compressed JSON). */
class StorageCodecValuesTest extends StoredValueProperties {
    @Override
    protected SessionEngine createEngine() {
        return new StorageSessionEngine("memory", SessionSettings.of(Map.of("sessions.secret.key", "values-secret",
                "sessions.serializer.allowed_types", PROFILE_SETTING)), MutableClock.startingNow(), new InMemorySessionStorage());
    }
}

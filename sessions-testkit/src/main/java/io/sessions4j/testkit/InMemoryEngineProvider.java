package io.sessions4j.testkit;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import java.time.Clock;

/** Engine {@code memory}: an {@link InMemorySessionStorage}, for tests of code above the engines. */
public final class InMemoryEngineProvider implements SessionEngineProvider {
    public static final String NAME = "memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SessionEngine create(SessionSettings settings, Clock clock) {
        return new StorageSessionEngine(NAME, settings, clock, new InMemorySessionStorage());
    }
}

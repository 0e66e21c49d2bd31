package io.sessions4j.testkit;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.StorageSessionEngine;

/** Engine {@code memory}: an {@link InMemorySessionStorage}, for tests of code above the engines. */
public final class InMemoryEngineProvider implements SessionEngineProvider {
    public static final String NAME = "memory";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public SessionEngine create(SessionContext context) {
        return new StorageSessionEngine(NAME, context, new InMemorySessionStorage());
    }
}

package io.sessions4j.testkit;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import java.time.Clock;

/** Proves the contract itself on the simplest correct engine. */
class InMemoryEngineContractTest extends SessionEngineContract {
    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return new StorageSessionEngine("memory", settings, clock, new InMemorySessionStorage());
    }
}

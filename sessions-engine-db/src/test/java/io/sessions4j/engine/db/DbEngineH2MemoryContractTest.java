package io.sessions4j.engine.db;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;

/** CONFORMANCE A, B, C, E1–E4 on an H2 in-memory database, built through the provider. */
@DisplayName("db engine on H2 in-memory: contract")
class DbEngineH2MemoryContractTest extends SessionEngineContract {
    private final String url = "jdbc:h2:mem:contract_" + UUID.randomUUID().toString().replace("-", "");

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return new DbEngineProvider().create(settings, clock);
    }

    @Override
    protected Map<String, String> engineProperties() {
        return Map.of("sessions.db.url", url, "sessions.db.pool.max", "4");
    }
}

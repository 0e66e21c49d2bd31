package io.sessions4j.engine.db;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.SessionEngineContract;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;

/** CONFORMANCE A, B, C, E1–E4 on an H2 file database (the default kind) in a temporary directory. */
@DisplayName("db engine on H2 file: contract")
class DbEngineH2FileContractTest extends SessionEngineContract {
    @TempDir
    static Path directory;

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return DbEngine.create(settings, clock);
    }

    @Override
    protected Map<String, String> engineProperties() {
        return Map.of("sessions.db.url", "jdbc:h2:file:" + directory.resolve("sessions").toAbsolutePath(),
                "sessions.db.pool.max", "4");
    }
}

package io.sessions4j.engine.db;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/** CONFORMANCE A, B, C, E1–E4 on a real database server, in a table of its own; one subclass per server. */
abstract class ServerContractTest extends SessionEngineContract {
    private final String table = TestDatabase.uniqueName("s4j_contract");

    /** The server; the contract is skipped (or fails in CI) when it is down. */
    protected abstract TestDatabase database();

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return DbEngine.create(settings, clock);
    }

    @Override
    protected Map<String, String> engineProperties() {
        // Called first thing in the contract's @BeforeAll: skips locally, fails in CI, when the server is down.
        database().assumeUp();
        return Map.of("sessions.db.url", database().url(), "sessions.db.table", table, "sessions.db.pool.max", "4");
    }

    @AfterAll
    void dropTable() {
        if (database().isUp()) {
            database().dropSessionTable(table);
        }
    }
}

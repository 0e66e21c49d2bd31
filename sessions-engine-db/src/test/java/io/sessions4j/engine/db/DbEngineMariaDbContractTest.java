package io.sessions4j.engine.db;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.testkit.SessionEngineContract;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DisplayName;

/** CONFORMANCE A, B, C, E1–E4 on the real MariaDB, in a table of its own. */
@DisplayName("db engine on MariaDB: contract")
class DbEngineMariaDbContractTest extends SessionEngineContract {
    private final String table = TestDatabase.uniqueName("s4j_contract");

    @Override
    protected SessionEngine createEngine(SessionSettings settings, Clock clock) {
        return DbEngine.create(settings, clock);
    }

    @Override
    protected Map<String, String> engineProperties() {
        // Called first thing in the contract's @BeforeAll: skips locally, fails in CI, when MariaDB is down.
        TestDatabase.MARIADB.assumeUp();
        return Map.of("sessions.db.url", TestDatabase.MARIADB.url(), "sessions.db.table", table,
                "sessions.db.pool.max", "4");
    }

    @AfterAll
    void dropTable() {
        if (TestDatabase.MARIADB.isUp()) {
            TestDatabase.MARIADB.dropSessionTable(table);
        }
    }
}

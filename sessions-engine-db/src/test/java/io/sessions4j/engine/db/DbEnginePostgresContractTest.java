package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** CONFORMANCE A, B, C, E1–E4 on the real PostgreSQL, in a table of its own. */
@DisplayName("db engine on PostgreSQL: contract")
class DbEnginePostgresContractTest extends ServerContractTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }
}

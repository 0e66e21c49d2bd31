package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** CONFORMANCE A, B, C, E1–E4 on the real MariaDB, in a table of its own. */
@DisplayName("db engine on MariaDB: contract")
class DbEngineMariaDbContractTest extends ServerContractTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }
}

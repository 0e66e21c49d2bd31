package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** E5 on MariaDB. */
@DisplayName("db engine on MariaDB: E5 database down and back")
class MariaDbFaultTest extends AbstractDbFaultTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    @Override
    protected String urlThrough(int port) {
        // The test server checks passwords (root has none), so no decoy password here.
        return TestDatabase.MARIADB.urlThrough(port);
    }
}

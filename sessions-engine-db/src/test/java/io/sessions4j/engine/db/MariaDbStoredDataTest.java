package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** The same checks on MariaDB, whose driver copies the bytes either way: read as a String there. */
@DisplayName("db engine on MariaDB: session_data read as a String")
class MariaDbStoredDataTest extends ServerStoredDataTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    @Override
    protected boolean readsBytes() {
        return false;
    }
}

package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** Stored data read as the driver's bytes, on PostgreSQL (pgJDBC's getBytes of a text column). */
@DisplayName("db engine on PostgreSQL: session_data read as bytes")
class PostgresStoredDataTest extends ServerStoredDataTest {
    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }

    @Override
    protected boolean readsBytes() {
        return true;
    }
}

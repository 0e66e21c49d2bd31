package io.sessions4j.engine.db;

import org.junit.jupiter.api.DisplayName;

/** E5 on PostgreSQL. */
@DisplayName("db engine on PostgreSQL: E5 database down and back")
class PostgresFaultTest extends AbstractDbFaultTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }

    @Override
    protected String urlThrough(int port) {
        // The local server trusts every login, so the password is only there to prove it never leaks.
        return TestDatabase.POSTGRES.urlThrough(port) + "&password=" + PASSWORD;
    }
}

package io.sessions4j.engine.db;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/** G2 against a real Django 3.2 with psycopg2 on the same PostgreSQL, in a schema of its own. */
@DisplayName("db engine on PostgreSQL: G2 with a real Django")
class RealDjangoPostgresTest extends AbstractRealDjangoTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRES;
    }

    @Override
    protected String driverModule() {
        return "psycopg2";
    }

    @Override
    protected void createSchema() {
        TestDatabase.POSTGRES.execute("CREATE SCHEMA \"" + schema + "\"");
    }

    @Override
    protected void dropSchema() {
        TestDatabase.POSTGRES.execute("DROP SCHEMA IF EXISTS \"" + schema + "\" CASCADE");
    }

    @Override
    protected String schemaUrl() {
        return TestDatabase.POSTGRES.urlWith("currentSchema=" + schema);
    }

    @Override
    protected Map<String, String> djangoEnvironment() {
        URI pg = TestDatabase.POSTGRES.address();
        return Map.of("DJANGO_DB_BACKEND", "postgresql",
                "DB_HOST", pg.getHost(),
                "DB_PORT", Integer.toString(TestDatabase.POSTGRES.port()),
                "DB_NAME", pg.getPath().substring(1),
                "DB_USER", userOf(pg, "postgres"),
                "DB_SCHEMA", schema);
    }
}

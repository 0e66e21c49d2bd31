package io.sessions4j.engine.db;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;

/**
 * G2 against a real Django 3.2 with mysqlclient (Debian's python3-mysqldb) on the same MariaDB, in a
 * database of its own whose default collation is the case-insensitive one Django's tables usually get.
 */
@DisplayName("db engine on MariaDB: G2 with a real Django")
class RealDjangoMariaDbTest extends AbstractRealDjangoTest {

    @Override
    protected TestDatabase database() {
        return TestDatabase.MARIADB;
    }

    @Override
    protected String driverModule() {
        return "MySQLdb";
    }

    @Override
    protected void createSchema() {
        TestDatabase.MARIADB.execute("CREATE DATABASE `" + schema + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci");
    }

    @Override
    protected void dropSchema() {
        TestDatabase.MARIADB.execute("DROP DATABASE IF EXISTS `" + schema + "`");
    }

    @Override
    protected String schemaUrl() {
        return TestDatabase.MARIADB.urlOfDatabase(schema);
    }

    @Override
    protected Map<String, String> djangoEnvironment() {
        URI maria = TestDatabase.MARIADB.address();
        String password = "";
        if (maria.getQuery() != null) {
            for (String parameter : maria.getQuery().split("&")) {
                if (parameter.startsWith("password=")) {
                    password = parameter.substring("password=".length());
                }
            }
        }
        return Map.of("DJANGO_DB_BACKEND", "mysql",
                "DB_HOST", maria.getHost(),
                "DB_PORT", Integer.toString(TestDatabase.MARIADB.port()),
                "DB_NAME", schema,
                "DB_USER", userOf(maria, "root"),
                "DB_PASSWORD", password);
    }
}

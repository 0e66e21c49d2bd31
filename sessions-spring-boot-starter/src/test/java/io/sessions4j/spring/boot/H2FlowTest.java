package io.sessions4j.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The db engine on the application's DataSource: an H2 file database, so sessions survive the restart. Also
 * {@code maximumSessions(1)} with Spring Security's own registry, fed by the servlet module's session events.
 */
class H2FlowTest extends SpringSecurityFlowTest {
    @TempDir
    static Path dir;

    @Override
    protected Map<String, String> storageProperties() {
        return Map.of("spring.datasource.url", "jdbc:h2:file:" + dir.resolve("app").toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE",
                "spring.flyway.enabled", "true", "spring.flyway.locations", "classpath:app-migrations");
    }

    @Test
    @DisplayName("The application's own Flyway migrates first, with its own history; the session table and its history beside it")
    void applicationFlywayRunsFirstAndKeepsItsHistory() throws Exception {
        running();
        try (java.sql.Connection c = app().getBean(javax.sql.DataSource.class).getConnection();
             java.sql.ResultSet rows = c.createStatement().executeQuery(
                     "SELECT \"version\" FROM \"flyway_schema_history\" WHERE \"version\" IS NOT NULL ORDER BY \"installed_rank\"")) {
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("1");
            assertThat(rows.next()).as("only the application's migration in its history").isFalse();
        }
        assertThat(engine().open(null)).isNotNull();
    }

    @Test
    @DisplayName("maximumSessions(1): a second login of the same user logs the first browser out")
    void maximumSessionsLogsTheFirstBrowserOut() throws Exception {
        Browser first = new Browser(running());
        Browser second = new Browser(running());
        assertThat(first.logIn("max", "max-password").statusCode()).isEqualTo(302);
        assertThat(first.get("/private").body()).isEqualTo("hello max");

        assertThat(second.logIn("max", "max-password").statusCode()).isEqualTo(302);
        assertThat(second.get("/private").body()).isEqualTo("hello max");

        HttpResponse<String> firstAgain = first.get("/private");
        assertThat(firstAgain.body()).isNotEqualTo("hello max");
        assertThat(first.get("/private").statusCode()).as("logged out: back to the login page").isEqualTo(302);
        assertThat(second.get("/private").body()).isEqualTo("hello max");
    }
}

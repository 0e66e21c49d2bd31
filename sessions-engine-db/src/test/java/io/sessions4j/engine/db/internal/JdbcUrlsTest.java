package io.sessions4j.engine.db.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("db engine: URLs in messages never show passwords")
class JdbcUrlsTest {

    @Test
    @DisplayName("E5 passwords in query strings, H2 settings and user info are masked; the rest stays readable")
    void passwordsAreMasked() {
        assertThat(JdbcUrls.redact("jdbc:postgresql://db:5432/app?user=u&password=s3cr3t&ssl=true"))
                .isEqualTo("jdbc:postgresql://db:5432/app?user=u&password=****&ssl=true");
        assertThat(JdbcUrls.redact("jdbc:postgresql://db/app?PASSWORD=s3cr3t"))
                .isEqualTo("jdbc:postgresql://db/app?PASSWORD=****");
        assertThat(JdbcUrls.redact("jdbc:h2:file:./data/sessions;USER=sa;PASSWORD=s3cr3t;MODE=PostgreSQL"))
                .isEqualTo("jdbc:h2:file:./data/sessions;USER=sa;PASSWORD=****;MODE=PostgreSQL");
        assertThat(JdbcUrls.redact("jdbc:postgresql://u:s3cr3t@db/app")).isEqualTo("jdbc:postgresql://u:****@db/app");
        assertThat(JdbcUrls.redact("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test");
        assertThat(JdbcUrls.redact(null)).isNull();
    }

    @Test
    @DisplayName("jdbc:mysql: goes to MariaDB Connector/J (permitMysqlScheme) when no driver takes it; other URLs pass unchanged")
    void mysqlSchemeForMariaDbConnector() {
        assertThat(JdbcUrls.forDriver("jdbc:mysql://db:3306/app")).isEqualTo("jdbc:mysql://db:3306/app?permitMysqlScheme");
        assertThat(JdbcUrls.forDriver("jdbc:mysql://db/app?user=u")).isEqualTo("jdbc:mysql://db/app?user=u&permitMysqlScheme");
        assertThat(JdbcUrls.forDriver("jdbc:mariadb://db/app")).isEqualTo("jdbc:mariadb://db/app");
        assertThat(JdbcUrls.forDriver("jdbc:postgresql://db/app")).isEqualTo("jdbc:postgresql://db/app");
    }
}

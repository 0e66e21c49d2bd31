package io.sessions4j.engine.cacheddb;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.CountingDataSource;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.TestServices;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** G5 statement counts, through a counting DataSource, on both combinations. */
class CacheHitStatementsTest {

    @Test
    @DisplayName("G5 Ehcache + H2: a hit costs zero statements; a miss a SELECT and, after filling the cache, one more; a save one UPDATE")
    void ehcacheOverH2() {
        String name = Backends.unique("cdbcount");
        try (HikariDataSource pool = pool("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1")) {
            check(pool, Backends.ehcacheOverH2(name));
        }
    }

    @Test
    @DisplayName("G5 Redis + PostgreSQL: a hit costs zero statements; a miss a SELECT and, after filling the cache, one more; a save one UPDATE")
    void redisOverPostgres() {
        TestServices.assumePostgres();
        TestServices.assumeRedis();
        String table = Backends.unique("cdb_count_");
        String prefix = Backends.unique("test:cdbcount:") + ":";
        try (HikariDataSource pool = pool(TestServices.postgresUrl())) {
            check(pool, Backends.redisOverPostgres(table, prefix, TestServices.redisUrl()));
        } finally {
            Backends.dropTable(table);
            Backends.deleteKeys(prefix);
        }
    }

    private static HikariDataSource pool(String url) {
        HikariDataSource pool = new HikariDataSource();
        pool.setJdbcUrl(url);
        pool.setMaximumPoolSize(3);
        return pool;
    }

    private static void check(HikariDataSource pool, Map<String, String> backend) {
        Map<String, String> props = new HashMap<>(backend);
        props.put("sessions.secret.key", "cached-db-statements");
        CountingDataSource counting = new CountingDataSource(pool);
        try (StorageSessionEngine engine = CachedDbEngine.create(SessionSettings.of(props), counting.dataSource(),
                MutableClock.startingNow())) {
            SessionStore created = engine.open(null);
            created.put("user_id", 42);
            counting.reset();
            created.save();
            assertThat(counting.statements()).as("create: one INSERT").isEqualTo(1);
            String key = created.getSessionKey();

            counting.reset();
            SessionStore hit = engine.open(key);
            assertThat(hit.get("user_id")).isEqualTo(42);
            assertThat(hit.exists(key)).isTrue();
            assertThat(counting.statements()).as("cache hit: no statement").isZero();

            hit.put("cart", 3);
            hit.save();
            assertThat(counting.executed()).as("save: one UPDATE").singleElement().asString().startsWith("UPDATE");

            CachedDbStorage storage = (CachedDbStorage) engine.storage();
            storage.cache().delete(key);
            counting.reset();
            assertThat(engine.open(key).get("cart")).isEqualTo(3);
            // The second SELECT checks that no write replaced the data between the first and the fill (issue #20).
            assertThat(counting.executed()).as("miss: the SELECT, and the same again after the fill").hasSize(2)
                    .allSatisfy(sql -> assertThat(sql).startsWith("SELECT"));
            counting.reset();
            assertThat(engine.open(key).get("cart")).isEqualTo(3);
            assertThat(counting.statements()).as("refilled: a hit again").isZero();
        }
    }
}

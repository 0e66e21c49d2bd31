package io.sessions4j.spring.boot;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.engine.cacheddb.CachedDbEngine;
import io.sessions4j.engine.db.DbEngine;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.util.ClassUtils;

/**
 * The engines that can run on the application's {@link DataSource}. Their classes are optional
 * dependencies of the starter: they are touched only once {@link #usesDataSource} said the engine is there.
 */
final class DataSourceEngines {
    private static final String DB = "db";
    private static final String CACHED_DB = "cached_db";

    private DataSourceEngines() {
    }

    static boolean usesDataSource(String engine) {
        return (DB.equals(engine) && present("io.sessions4j.engine.db.DbEngine"))
                || (CACHED_DB.equals(engine) && present("io.sessions4j.engine.cacheddb.CachedDbEngine"));
    }

    /** The engine over {@code dataSource}, which the engine never closes. */
    static SessionEngine create(String engine, SessionSettings settings, DataSource dataSource) {
        return DB.equals(engine) ? DbEngine.create(settings, dataSource, Clock.systemUTC())
                : CachedDbEngine.create(settings, dataSource, Clock.systemUTC());
    }

    private static boolean present(String className) {
        return ClassUtils.isPresent(className, DataSourceEngines.class.getClassLoader());
    }
}

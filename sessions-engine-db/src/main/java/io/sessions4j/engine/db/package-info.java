/**
 * The db engine ({@code sessions.engine=db}, the default): sessions in one JDBC table of Django's shape
 * on H2 or PostgreSQL, with a HikariCP pool and Flyway migrations. Entry points:
 * {@link io.sessions4j.engine.db.DbEngineProvider} (found by {@code ServiceLoader}),
 * {@link io.sessions4j.engine.db.DbEngine} (build it in code, also over an application DataSource) and
 * {@link io.sessions4j.engine.db.DbSessionStorage} (the storage itself, e.g. for a write-through engine).
 * Everything in {@code internal} may change without notice.
 */
package io.sessions4j.engine.db;

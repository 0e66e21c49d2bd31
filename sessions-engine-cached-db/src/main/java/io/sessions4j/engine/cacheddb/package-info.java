/**
 * The {@code cached_db} engine: sessions in the db engine's table, read through the cache engine's
 * cache. See {@link io.sessions4j.engine.cacheddb.CachedDbStorage} for the rules that keep the cache
 * from ever serving a deleted session.
 */
package io.sessions4j.engine.cacheddb;

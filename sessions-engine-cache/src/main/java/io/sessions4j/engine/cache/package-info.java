/**
 * The cache engine ({@code sessions.engine=cache}): {@link io.sessions4j.engine.cache.CacheEngineProvider},
 * its settings ({@link io.sessions4j.engine.cache.CacheSettings}), the small cache interface
 * ({@link io.sessions4j.engine.cache.SessionCache}) and the one storage adapter over it
 * ({@link io.sessions4j.engine.cache.CacheSessionStorage}). Backends live in the {@code ehcache} and
 * {@code redis} sub-packages.
 */
package io.sessions4j.engine.cache;

/**
 * The Redis backend of the cache engine: URL parsing ({@link io.sessions4j.engine.cache.redis.RedisUrl}),
 * the choice of Jedis client by URL form, and the adapter that speaks one command per operation.
 */
package io.sessions4j.engine.cache.redis;

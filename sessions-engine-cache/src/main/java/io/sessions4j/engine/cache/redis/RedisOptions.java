package io.sessions4j.engine.cache.redis;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Connection settings of the Redis backend, besides the URL.
 *
 * @param keyPrefix        prepended to every key; never empty (CVE-2011-4136)
 * @param connectTimeoutMs connect timeout
 * @param readTimeoutMs    read (socket) timeout
 * @param poolMax          most pooled connections (per node on a Cluster)
 * @param poolMaxWaitMs    how long a request waits for a free connection
 * @param sentinelPassword password of the sentinels, or null
 * @param tlsCaFile        PEM file of the CA certificates trusted for {@code rediss} connections, or null for the
 *                         JVM's default trust store (the {@code javax.net.ssl.trustStore} system properties)
 */
public record RedisOptions(String keyPrefix, int connectTimeoutMs, int readTimeoutMs, int poolMax, int poolMaxWaitMs,
                           String sentinelPassword, Path tlsCaFile) {

    public RedisOptions {
        Objects.requireNonNull(keyPrefix, "keyPrefix");
        if (keyPrefix.isEmpty()) {
            throw new IllegalArgumentException("The key prefix must not be empty (CVE-2011-4136)");
        }
    }

    /** Does not print the sentinel password. */
    @Override
    public String toString() {
        return "RedisOptions[prefix=" + keyPrefix + ", connect=" + connectTimeoutMs + "ms, read=" + readTimeoutMs
                + "ms, pool=" + poolMax + ", wait=" + poolMaxWaitMs + "ms" + (tlsCaFile == null ? "" : ", CA " + tlsCaFile) + "]";
    }
}

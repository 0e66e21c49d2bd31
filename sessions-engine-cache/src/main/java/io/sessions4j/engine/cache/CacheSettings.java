package io.sessions4j.engine.cache;

import io.sessions4j.api.Setting;
import java.util.List;

/**
 * The {@code sessions.cache.*} keys of the cache engine, with their defaults. The Redis URL is
 * plain text here and parsed when the engine starts, so that a rejected URL is reported with its
 * password masked (a setting's own parse error would echo the raw value).
 */
public final class CacheSettings {
    private CacheSettings() {
    }

    /** Default key prefix on Redis. */
    public static final String DEFAULT_KEY_PREFIX = "sessions4j:";

    public static final Setting<String> BACKEND = Setting.oneOf("sessions.cache.backend", "ehcache",
            "Cache backend: ehcache (in-process) or redis", "ehcache", "redis");
    public static final Setting<String> URL = Setting.text("sessions.cache.url", null,
            "Redis URL (backend redis): redis://[[user:]password@]host[:port][/db], rediss://… (TLS), "
                    + "redis-sentinel://[[user:]password@]host1[:26379][,host2[:26379]…][/db]#master, "
                    + "redis-cluster://[[user:]password@]host1:port1[,host2:port2…]");
    public static final Setting<Integer> MAX_ENTRIES = Setting.integer("sessions.cache.max_entries", 10000, 1,
            Integer.MAX_VALUE, "Ehcache: sessions kept on the heap; beyond it Ehcache evicts the least recently used of a small sample");
    public static final Setting<String> DISK_PATH = Setting.text("sessions.cache.disk_path", null,
            "Ehcache: directory of a persistent disk tier behind the heap; unset means heap only");
    public static final Setting<Integer> DISK_SIZE_MB = Setting.integer("sessions.cache.disk_size_mb", 256, 1,
            Integer.MAX_VALUE, "Ehcache: size of the disk tier in MiB (with sessions.cache.disk_path)");
    public static final Setting<String> KEY_PREFIX = Setting.custom("sessions.cache.key_prefix", DEFAULT_KEY_PREFIX,
            "a non-empty prefix without whitespace (a shared Redis must never see bare session keys, CVE-2011-4136)",
            "Redis: prefix of every key the engine writes", raw -> {
                // Without a prefix, a session key could name any other key in the same Redis (CVE-2011-4136).
                if (raw.isEmpty() || raw.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
                    throw new IllegalArgumentException("bad prefix");
                }
                return raw;
            });
    public static final Setting<Integer> POOL_MAX = Setting.integer("sessions.cache.pool.max", 8, 1, 10_000,
            "Redis: most connections open at once (per node on a Cluster)");
    public static final Setting<Integer> POOL_MAX_WAIT = Setting.integer("sessions.cache.pool.max_wait", 2000, 0,
            600_000, "Redis: milliseconds a request waits for a free pooled connection before failing");
    public static final Setting<Integer> CONNECT_TIMEOUT = Setting.integer("sessions.cache.connect_timeout", 2000, 1,
            600_000, "Redis: connect timeout in milliseconds");
    public static final Setting<Integer> READ_TIMEOUT = Setting.integer("sessions.cache.read_timeout", 2000, 1,
            600_000, "Redis: read (socket) timeout in milliseconds");
    public static final Setting<String> SENTINEL_PASSWORD = Setting.text("sessions.cache.sentinel_password", null,
            "Redis Sentinel: password of the sentinels themselves; unset means they need none "
                    + "(the URL's credentials are for the master)");

    public static final Setting<String> TLS_CA_FILE = Setting.text("sessions.cache.tls.ca_file", null,
            "Redis over TLS (rediss…): PEM file of the CA certificates to trust (as redis-cli --cacert); unset means "
                    + "the JVM's trust store (javax.net.ssl.trustStore). Server host names are always verified");

    /** Every key of the engine, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(BACKEND, URL, MAX_ENTRIES, DISK_PATH, DISK_SIZE_MB, KEY_PREFIX,
            POOL_MAX, POOL_MAX_WAIT, CONNECT_TIMEOUT, READ_TIMEOUT, SENTINEL_PASSWORD, TLS_CA_FILE);
}

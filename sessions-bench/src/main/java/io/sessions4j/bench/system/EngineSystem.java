package io.sessions4j.bench.system;

import com.zaxxer.hikari.HikariDataSource;
import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionKeys;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.ResponseHeaders;
import io.sessions4j.api.http.SessionExchange;
import io.sessions4j.api.http.SessionLifecycle;
import io.sessions4j.bench.BenchConfig;
import io.sessions4j.bench.SessionPayload;
import io.sessions4j.engine.cacheddb.CachedDbEngine;
import io.sessions4j.engine.cacheddb.CachedDbStorage;
import io.sessions4j.engine.db.DbEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * A sessions4j engine doing the workload through its public API, exactly as an application would:
 * {@code engine.open(key)}, {@code get}/{@code put}, {@code save()}, and for the cycle
 * {@link SessionLifecycle}. Engines over a database get the benchmark's pool as their application
 * DataSource, the same kind of pool the JDBC floor uses.
 *
 * <p>Preloading writes the engine's own encoding straight into its storage (a batch of INSERTs in
 * one transaction, parallel cache puts, plain files): going through {@code save()} ten thousand
 * times would cost each fork seconds of WAL flushes. A read of the first preloaded session through
 * the engine then proves the data is what the engine itself would have stored. The file engine's
 * directory is preloaded once per run and shared by its forks (see {@link Backends#runDirectory}).
 */
public final class EngineSystem implements BenchSystem {
    /** The sessions4j systems, as named in the results. */
    public static final List<String> NAMES = List.of("db_h2", "db_postgresql", "db_mariadb", "cache_ehcache", "cache_redis", "cache_valkey",
            "cached_db_ehcache_h2", "cached_db_redis_postgresql", "file", "signed_cookies");

    private final SessionEngine engine;
    private final SessionLifecycle lifecycle;
    private final Map<String, Object> payload = SessionPayload.of(0);
    private final List<String> keys;
    private final Runnable cleanUp;
    /**
     * For an engine whose key is the session itself (signed cookies): the cookie each browser holds, by the browser's
     * number ({@link #keys()} are those numbers in decimal), which the browser sends with its next request. A READ
     * sends the same cookie again (a browser that only reads resends it); a WRITE or CYCLE sends what the previous one
     * returned, a value never seen before. Null for server-side engines, whose key a write does not change.
     *
     * <p>An array, not a map by id: this is the browser's side, which the floor it is compared with does not have; a
     * hash map's look-up of a request's fresh id (its hash, a cold table slot, node and stored id) was ~6 % of a
     * signed-cookie CYCLE's CPU (async-profiler, 2026-12-01 21:35).
     */
    private final AtomicReferenceArray<String> latest;

    private EngineSystem(SessionEngine engine, List<String> keys, Runnable cleanUp) {
        this(engine, keys, null, cleanUp);
    }

    /** {@code cookies}: for signed cookies, the cookie of each browser, browser {@code i} named {@code keys.get(i)}. */
    private EngineSystem(SessionEngine engine, List<String> keys, List<String> cookies, Runnable cleanUp) {
        this.engine = engine;
        this.latest = cookies == null ? null : new AtomicReferenceArray<>(cookies.toArray(String[]::new));
        this.lifecycle = new SessionLifecycle(engine);
        this.keys = List.copyOf(keys);
        this.cleanUp = cleanUp;
        Object first = ((Read) read(keys.get(0))).first();
        if (first == null) {
            close();
            throw new IllegalStateException(engine.name() + ": a preloaded session does not read back");
        }
        // Sessions in use, as on a node that has served them: each read twice, which is when a node starts to
        // remember a record or cookie it verified (sessions.verified_records; the Ehcache heap keeps every decode);
        // the benchmark then measures that node.
        Backends.preload(this.keys.size(), i -> {
            read(this.keys.get(i));
            return read(this.keys.get(i));
        });
    }

    /** Opens engine {@code name} (one of {@link #NAMES}) with {@code sessions} preloaded sessions. */
    public static EngineSystem open(String name, Probe probe, int sessions) {
        Clock clock = Clock.systemUTC();
        String table = BenchConfig.TABLE_PREFIX + name;
        String redisPrefix = BenchConfig.REDIS_PREFIX + name + ":";
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("sessions.secret.key", BenchConfig.SECRET);
        settings.put("sessions.cookie.age", Integer.toString(BenchConfig.SESSION_AGE_SECONDS));
        // A node serving these sessions remembers what it verified of them (engines over a database, Redis or files,
        // and signed cookies; the Ehcache heap keeps decodes beside its entries instead): room for all of them, as
        // the Ehcache heap has.
        settings.put("sessions.verified_records", Integer.toString(sessions * 4));
        switch (name) {
            case "db_h2", "db_postgresql", "db_mariadb" -> {
                String database = name.substring("db_".length());
                settings.put("sessions.engine", "db");
                settings.put("sessions.db.table", table);
                HikariDataSource pool = openDatabase(database, name, table);
                StorageSessionEngine engine = DbEngine.create(SessionSettings.of(settings), probe.instrument(pool), clock);
                List<Preloaded> rows = encode(engine, sessions);
                insertRows(pool, database, table, rows);
                return new EngineSystem(engine, keysOf(rows), () -> {
                    engine.close();
                    dropEngineTables(pool, database, table);
                    pool.close();
                });
            }
            case "cache_ehcache", "cache_redis", "cache_valkey" -> {
                // Valkey: the same Redis backend, on a server with SET … IFEQ (no compare-and-set script).
                String url = name.equals("cache_valkey") ? BenchConfig.requireValkeyUrl()
                        : name.equals("cache_redis") ? BenchConfig.redisUrl() : null;
                settings.put("sessions.engine", "cache");
                cacheSettings(settings, url, redisPrefix, sessions);
                StorageSessionEngine engine = (StorageSessionEngine) SessionEngines.load(SessionSettings.of(settings), clock);
                List<Preloaded> rows = encode(engine, sessions);
                putAll(engine.storage(), rows);
                return new EngineSystem(engine, keysOf(rows), () -> {
                    engine.close();
                    if (url != null) {
                        Backends.deleteRedisKeys(url, redisPrefix);
                    }
                });
            }
            case "cached_db_ehcache_h2", "cached_db_redis_postgresql" -> {
                boolean redis = name.contains("redis");
                settings.put("sessions.engine", "cached_db");
                settings.put("sessions.db.table", table);
                cacheSettings(settings, redis ? BenchConfig.redisUrl() : null, redisPrefix, sessions);
                String database = redis ? "postgresql" : "h2";
                HikariDataSource pool = openDatabase(database, name, table);
                StorageSessionEngine engine = CachedDbEngine.create(SessionSettings.of(settings), probe.instrument(pool), clock);
                List<Preloaded> rows = encode(engine, sessions);
                insertRows(pool, database, table, rows);
                // Written through: what a save leaves in the cache, so READ measures hits.
                putAll(((CachedDbStorage) engine.storage()).cache(), rows);
                return new EngineSystem(engine, keysOf(rows), () -> {
                    engine.close();
                    dropEngineTables(pool, database, table);
                    pool.close();
                    if (redis) {
                        Backends.deleteRedisKeys(redisPrefix);
                    }
                });
            }
            case "file" -> {
                Path shared = Backends.runDirectory(name);
                Path directory = shared != null ? shared : Backends.tempDirectory(name);
                List<String> remembered = shared != null ? Backends.rememberedKeys(shared, sessions) : null;
                settings.put("sessions.engine", "file");
                settings.put("sessions.file.path", directory.toString());
                StorageSessionEngine engine = (StorageSessionEngine) SessionEngines.load(SessionSettings.of(settings), clock);
                List<String> keys = remembered;
                if (keys == null) {
                    List<Preloaded> rows = encode(engine, sessions);
                    // Django's layout: <cookie name><key>, holding session_data; the file's time is the modification.
                    String prefix = engine.settings().get(CoreSettings.COOKIE_NAME);
                    Backends.preload(rows.size(), i -> write(directory.resolve(prefix + rows.get(i).key()), rows.get(i).data()));
                    keys = keysOf(rows);
                    if (shared != null) {
                        Backends.rememberKeys(shared, keys);
                    }
                }
                return new EngineSystem(engine, keys, () -> {
                    engine.close();
                    if (shared == null) {
                        Backends.deleteDirectory(directory);
                    }
                });
            }
            case "signed_cookies" -> {
                settings.put("sessions.engine", "signed_cookies");
                SessionEngine engine = SessionEngines.load(SessionSettings.of(settings), clock);
                // The cookie is the session: "preloading" is signing the cookies browsers would send, each browser
                // named by its number.
                List<String> cookies = Backends.preload(sessions, i -> {
                    SessionStore store = engine.open(null);
                    store.putAll(SessionPayload.of(i));
                    store.save();
                    return store.getSessionKey();
                });
                List<String> browsers = IntStream.range(0, sessions).mapToObj(Integer::toString).toList();
                return new EngineSystem(engine, browsers, cookies, engine::close);
            }
            default -> throw new IllegalArgumentException("unknown sessions4j system " + name + "; known: " + NAMES);
        }
    }

    /** A session as the engine would store it. */
    private record Preloaded(String key, String data, Instant expiry) {
    }

    private static List<Preloaded> encode(StorageSessionEngine engine, int sessions) {
        Instant expiry = Instant.now().plusSeconds(BenchConfig.SESSION_AGE_SECONDS);
        return Backends.preload(sessions, i -> new Preloaded(SessionKeys.generate(),
                engine.context().codec().encode(SessionPayload.of(i), Instant.now()), expiry));
    }

    private static List<String> keysOf(List<Preloaded> rows) {
        return rows.stream().map(Preloaded::key).toList();
    }

    private static void insertRows(HikariDataSource pool, String database, String table, List<Preloaded> rows) {
        Backends.insertRows(pool, "INSERT INTO " + Backends.quote(database, table) + " ("
                        + Backends.quote(database, "session_key") + ", " + Backends.quote(database, "session_data") + ", "
                        + Backends.quote(database, "expire_date") + ") VALUES (?, ?, ?)",
                rows.stream().map(r -> new Object[] {r.key(), r.data(),
                        Backends.timestamp(database, OffsetDateTime.ofInstant(r.expiry(), ZoneOffset.UTC))}).toList());
    }

    private static void putAll(SessionStorage storage, List<Preloaded> rows) {
        Backends.preload(rows.size(), i -> storage.create(rows.get(i).key(), rows.get(i).data(), rows.get(i).expiry()));
    }

    private static Path write(Path file, String data) {
        try {
            return Files.writeString(file, data, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HikariDataSource openDatabase(String database, String name, String table) {
        HikariDataSource pool = Backends.pool(Backends.jdbcUrl(database, name), name);
        dropEngineTables(pool, database, table); // a run that was killed may have left them
        return pool;
    }

    private static void dropEngineTables(HikariDataSource pool, String database, String table) {
        // The session table, the sessions-by-user index beside it (migration V2) and Flyway's history.
        Backends.dropTables(pool, Backends.quote(database, table), Backends.quote(database, table + "_principal"),
                Backends.quote(database, table + "_s4j_history"));
    }

    /** The cache engine's settings: Redis at {@code redisUrl}, or Ehcache when that is null. */
    private static void cacheSettings(Map<String, String> settings, String redisUrl, String prefix, int sessions) {
        if (redisUrl != null) {
            Backends.deleteRedisKeys(redisUrl, prefix);
            settings.put("sessions.cache.backend", "redis");
            settings.put("sessions.cache.url", redisUrl);
            settings.put("sessions.cache.key_prefix", prefix);
        } else {
            // As many entries as the floor: see BenchConfig.CACHE_ENTRIES.
            settings.put("sessions.cache.backend", "ehcache");
            settings.put("sessions.cache.max_entries", Integer.toString(Math.max(BenchConfig.CACHE_ENTRIES, sessions * 4)));
        }
    }

    @Override
    public Object read(String key) {
        // A resent cookie reaches the server as a String of its own, as every request's key does (SystemBenchmark):
        // never the String an earlier read looked up, whose hash it would find already computed.
        SessionStore store = engine.open(latest == null ? key : new String(sent(key).toCharArray()));
        return new Read(store.get(SessionPayload.READ_KEY_1), store.get(SessionPayload.READ_KEY_2));
    }

    @Override
    public Object write(String key) {
        SessionStore store = engine.open(sent(key));
        store.put(SessionPayload.WRITE_KEY, System.currentTimeMillis());
        store.save();
        return received(key, store.getSessionKey());
    }

    @Override
    public Object create() {
        SessionStore store = engine.open(null);
        store.putAll(payload);
        store.save();
        return store.getSessionKey();
    }

    @Override
    public Object cycle(String key) {
        List<String> cookieHeader = List.of("sessionid=" + sent(key));
        SessionExchange exchange = lifecycle.open(name -> name.equals("Cookie") ? cookieHeader : List.of());
        exchange.store().put(SessionPayload.WRITE_KEY, System.currentTimeMillis());
        CapturedHeader out = new CapturedHeader();
        exchange.commit(200, out);
        if (latest != null) { // "sessionid=<value>; expires=...": the value the browser sends next
            received(key, out.setCookie.substring(out.setCookie.indexOf('=') + 1, out.setCookie.indexOf(';')));
        }
        return out.setCookie;
    }

    /** The key a browser holding preloaded session {@code key} (for signed cookies: browser {@code key}) sends now. */
    private String sent(String key) {
        return latest == null ? key : latest.getAcquire(Integer.parseInt(key));
    }

    /** Notes the key the response to preloaded session (or browser) {@code key} carried; returns it. */
    private String received(String key, String now) {
        if (latest != null) {
            latest.setRelease(Integer.parseInt(key), now);
        }
        return now;
    }

    /** The engine under test (the request-level benchmark puts a servlet filter over it). */
    public SessionEngine engine() {
        return engine;
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    /** What each preloaded session's browser sends in its cookie now: the key itself, or for signed cookies the cookie. */
    public List<String> sentKeys() {
        return keys.stream().map(this::sent).toList();
    }

    @Override
    public void close() {
        cleanUp.run();
    }

    /** Keeps the {@code Set-Cookie} a request cycle writes: the cheapest response there is. */
    private static final class CapturedHeader implements ResponseHeaders {
        private String setCookie;

        @Override
        public void add(String name, String value) {
            if (name.equals("Set-Cookie")) { // not the Vary the exchange also adds
                setCookie = value;
            }
        }

        @Override
        public void set(String name, String value) {
        }

        @Override
        public List<String> values(String name) {
            return List.of();
        }
    }

    /** The two values a read-only request read. */
    record Read(Object first, Object second) {
    }
}

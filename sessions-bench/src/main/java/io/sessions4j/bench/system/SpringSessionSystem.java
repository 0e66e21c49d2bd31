package io.sessions4j.bench.system;

import io.sessions4j.bench.SessionPayload;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.springframework.session.Session;
import org.springframework.session.SessionRepository;

/**
 * Spring Session's repository doing the workload the way its {@code SessionRepositoryFilter} does it
 * for a request: {@code findById}, then {@code setLastAccessedTime(now)} (the filter touches every
 * session it hands out), the handler's reads or writes, then {@code save} when the request commits.
 * A read-only request therefore saves too: that is what a read costs in Spring Session, which slides
 * each session's expiry on every access. CREATE is {@code createSession}, the ten attributes, {@code save}.
 */
abstract class SpringSessionSystem implements BenchSystem {
    private final Map<String, Object> payload = SessionPayload.of(0);
    private List<String> keys = List.of();

    /** The repository; ready once the subclass constructor has run. */
    abstract SessionRepository<Session> repository();

    /** Spring's session classes are package-private: the repositories are used through their interface. */
    @SuppressWarnings("unchecked")
    static SessionRepository<Session> untyped(SessionRepository<? extends Session> repository) {
        return (SessionRepository<Session>) repository;
    }

    /**
     * Preloads {@code sessions} sessions through {@code loader}, each range of them inside
     * {@code inTransaction} (one database transaction where there is a database, to spare a WAL flush
     * per session).
     */
    final void preload(int sessions, int threads, SessionRepository<Session> loader,
                       UnaryOperator<Supplier<List<String>>> inTransaction) {
        keys = Backends.preloadChunks(sessions, threads, (from, to) -> inTransaction.apply(() -> {
            List<String> part = new ArrayList<>(to - from);
            for (int i = from; i < to; i++) {
                part.add(save(loader, SessionPayload.of(i)));
            }
            return part;
        }).get());
    }

    private static String save(SessionRepository<Session> repository, Map<String, Object> data) {
        Session session = repository.createSession();
        data.forEach(session::setAttribute);
        repository.save(session);
        return session.getId();
    }

    @Override
    public final Object read(String key) {
        SessionRepository<Session> repository = repository();
        Session session = repository.findById(key);
        session.setLastAccessedTime(Instant.now());
        Object first = session.getAttribute(SessionPayload.READ_KEY_1);
        Object second = session.getAttribute(SessionPayload.READ_KEY_2);
        repository.save(session);
        return new EngineSystem.Read(first, second);
    }

    @Override
    public final Object write(String key) {
        SessionRepository<Session> repository = repository();
        Session session = repository.findById(key);
        session.setLastAccessedTime(Instant.now());
        session.setAttribute(SessionPayload.WRITE_KEY, System.currentTimeMillis());
        repository.save(session);
        return session.getId();
    }

    @Override
    public final Object create() {
        return save(repository(), payload);
    }

    @Override
    public final List<String> keys() {
        return keys;
    }
}

package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.UpdateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The chaos scenario every server-side engine runs (issue #15, CONFORMANCE E3/E5/E7 and E1 under a fault):
 * {@value #WRITERS} writers on one session, each adding a distinct key, with a storage outage in the middle.
 *
 * <ol>
 *   <li><b>before</b>: {@value #BEFORE} writers at once, storage healthy;</li>
 *   <li><b>during</b>: {@value #IN_FLIGHT} writers that loaded the session before the fault are released to
 *       save, and the fault begins as soon as a quarter of them are done, so saves are in flight when it hits; then
 *       {@value #DURING} writers open, read and save while it lasts. Meanwhile a logout (flush) of another
 *       session, which stale requests had loaded before the fault, is tried; then some of those stale requests
 *       save;</li>
 *   <li><b>recovery</b>: the fault ends; a probe writes until storage answers (the same engine object: no
 *       restart); the logout is repeated if it failed, the other stale requests save;</li>
 *   <li><b>after</b>: {@value #AFTER} writers at once.</li>
 * </ol>
 *
 * {@link Report#assertHeld()} then checks: no write that returned without an exception is missing; the only
 * failure is {@link SessionStorageException} (which the web integrations answer with 503), and only during the
 * fault; stale requests never bring the logged-out session back. Latency and recovery time are measured and
 * reported, never asserted.
 */
public final class OutageScenario {
    public static final int WRITERS = 64;
    static final int BEFORE = 20;
    static final int IN_FLIGHT = 24;
    static final int DURING = 8;
    static final int AFTER = WRITERS - BEFORE - IN_FLIGHT - DURING;
    private static final int STALE = 6;
    private static final long RECOVERY_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    /** A way storage fails and comes back, e.g. {@link TcpProxy#cut()} / {@link TcpProxy#restore()}. */
    public interface Outage {
        void begin() throws Exception;

        void end() throws Exception;

        /** An outage from two actions, e.g. {@code Outage.of(proxy::cut, proxy::restore)}. */
        static Outage of(Step begin, Step end) {
            return new Outage() {
                @Override
                public void begin() throws Exception {
                    begin.run();
                }

                @Override
                public void end() throws Exception {
                    end.run();
                }
            };
        }
    }

    /** One action of an {@link Outage}; may throw, e.g. when running {@code chattr}. */
    @FunctionalInterface
    public interface Step {
        void run() throws Exception;
    }

    private final String label;
    private final SessionEngine engine;
    private final Outage outage;

    /**
     * @param label  names engine and fault in the report, e.g. {@code "cache(redis) cut"}
     * @param engine the engine under test, talking to storage through whatever {@code outage} breaks
     */
    public OutageScenario(String label, SessionEngine engine, Outage outage) {
        this.label = label;
        this.engine = engine;
        this.outage = outage;
    }

    /**
     * Runs the scenario, checks it ({@link Report#assertHeld()}) and prints its figures as one {@code CHAOS} line
     * to the test output, where {@code docs/reliability.md} takes them from.
     */
    public Report check() throws Exception {
        Report report = run().assertHeld();
        System.out.println(report);
        return report;
    }

    /** Runs the four phases; the fault is always ended, even when a phase fails. */
    public Report run() throws Exception {
        SessionStore target = engine.open(null);
        target.put("base", 0);
        target.save();
        String key = target.getSessionKey();
        SessionStore loggedIn = engine.open(null);
        loggedIn.put("user", 1);
        loggedIn.save();
        String goneKey = loggedIn.getSessionKey();
        List<SessionStore> stale = new ArrayList<>();
        for (int i = 0; i < STALE; i++) {
            SessionStore s = engine.open(goneKey);
            s.get("user");
            stale.add(s);
        }

        List<Outcome> outcomes = new ArrayList<>();
        List<Throwable> staleResults = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        boolean faulty = false;
        Throwable logoutDuringFault;
        long recoveryNanos;
        try {
            outcomes.addAll(all(pool, writers(key, 0, BEFORE, Phase.BEFORE, null)));

            CountDownLatch go = new CountDownLatch(1);
            CountDownLatch firstDone = new CountDownLatch(IN_FLIGHT / 4);
            List<Future<Outcome>> inFlight = new ArrayList<>();
            for (Callable<Outcome> w : writers(key, BEFORE, IN_FLIGHT, Phase.DURING, go)) {
                inFlight.add(pool.submit(() -> {
                    try {
                        return w.call();
                    } finally {
                        firstDone.countDown();
                    }
                }));
            }
            go.countDown();
            // A quarter have saved: the rest are saving (or about to) as the fault hits.
            firstDone.await(30, TimeUnit.SECONDS);
            outage.begin();
            faulty = true;
            Future<Throwable> logout = pool.submit(() -> attempt(() -> engine.open(goneKey).flush()));
            outcomes.addAll(all(pool, writers(key, BEFORE + IN_FLIGHT, DURING, Phase.DURING, null)));
            for (Future<Outcome> f : inFlight) {
                outcomes.add(f.get(120, TimeUnit.SECONDS));
            }
            logoutDuringFault = logout.get(120, TimeUnit.SECONDS);
            // In parallel: under a hang each waits out the timeout, and the scenario should take seconds.
            List<Future<Throwable>> staleDuringFault = new ArrayList<>();
            for (SessionStore s : stale.subList(0, STALE / 2)) {
                staleDuringFault.add(pool.submit(() -> staleSave(s)));
            }
            for (Future<Throwable> f : staleDuringFault) {
                staleResults.add(f.get(120, TimeUnit.SECONDS));
            }

            outage.end();
            faulty = false;
            recoveryNanos = untilWritable();
            if (logoutDuringFault != null) {
                engine.open(goneKey).flush(); // the user logs out again once storage answers
            }
            for (int i = STALE / 2; i < STALE; i++) {
                staleResults.add(staleSave(stale.get(i)));
            }
            outcomes.addAll(all(pool, writers(key, WRITERS - AFTER, AFTER, Phase.AFTER, null)));
        } finally {
            if (faulty) {
                outage.end();
            }
            pool.shutdownNow();
        }

        Map<String, Object> stored = Map.copyOf(engine.open(key));
        SessionStore gone = engine.open(goneKey);
        boolean resurrected = gone.get("user") != null || gone.exists(goneKey);
        return new Report(label, outcomes, stored, logoutDuringFault, staleResults, resurrected, recoveryNanos);
    }

    private enum Phase { BEFORE, DURING, AFTER }

    /** One writer: opens the session, reads it, (waits for {@code go}), puts {@code w<index>} and saves. */
    private List<Callable<Outcome>> writers(String key, int from, int count, Phase phase, CountDownLatch go) {
        List<Callable<Outcome>> writers = new ArrayList<>();
        for (int i = from; i < from + count; i++) {
            int index = i;
            writers.add(() -> {
                long start = System.nanoTime();
                try {
                    SessionStore s = engine.open(key);
                    s.get("base");
                    if (go != null) {
                        go.await();
                        start = System.nanoTime();
                    }
                    s.put("w" + index, index);
                    s.save();
                    return new Outcome(index, phase, null, System.nanoTime() - start);
                } catch (RuntimeException e) {
                    return new Outcome(index, phase, e, System.nanoTime() - start);
                }
            });
        }
        return writers;
    }

    private static List<Outcome> all(ExecutorService pool, List<Callable<Outcome>> writers) throws Exception {
        List<Outcome> out = new ArrayList<>();
        for (Future<Outcome> f : pool.invokeAll(writers, 120, TimeUnit.SECONDS)) {
            out.add(f.get());
        }
        return out;
    }

    /** A request that loaded the logged-out session before the fault changes it and saves. */
    private static Throwable staleSave(SessionStore store) {
        return attempt(() -> {
            store.put("stale", true);
            store.save();
        });
    }

    private static Throwable attempt(Runnable action) {
        try {
            action.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }

    /** Nanoseconds from the end of the fault until a new session can be written again. */
    private long untilWritable() throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            try {
                SessionStore probe = engine.open(null);
                probe.put("probe", true);
                probe.save();
                return System.nanoTime() - start;
            } catch (SessionStorageException e) {
                if (System.nanoTime() - start > RECOVERY_LIMIT_NANOS) {
                    throw new AssertionError(label + ": storage still failing 60 s after the fault ended", e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** One writer's result: {@code failure} null means the save returned, i.e. the write was confirmed. */
    record Outcome(int index, Phase phase, Throwable failure, long nanos) {
        boolean confirmed() {
            return failure == null;
        }
    }

    /** What happened, with the figures {@code docs/reliability.md} reports. */
    public static final class Report {
        private final String label;
        private final List<Outcome> outcomes;
        private final Map<String, Object> stored;
        private final Throwable logoutDuringFault;
        private final List<Throwable> staleResults;
        private final boolean resurrected;
        private final long recoveryNanos;

        Report(String label, List<Outcome> outcomes, Map<String, Object> stored, Throwable logoutDuringFault,
               List<Throwable> staleResults, boolean resurrected, long recoveryNanos) {
            this.label = label;
            this.outcomes = List.copyOf(outcomes);
            this.stored = stored;
            this.logoutDuringFault = logoutDuringFault;
            this.staleResults = staleResults;
            this.resurrected = resurrected;
            this.recoveryNanos = recoveryNanos;
        }

        /** Writes that returned without an exception but are not in the stored session. */
        public List<String> lostWrites() {
            return outcomes.stream().filter(Outcome::confirmed).map(o -> "w" + o.index())
                    .filter(k -> !Integer.valueOf(k.substring(1)).equals(stored.get(k))).toList();
        }

        public long confirmed() {
            return outcomes.stream().filter(Outcome::confirmed).count();
        }

        /** Writers that failed with SessionStorageException (503 in the web integrations). */
        public long storageFailures() {
            return outcomes.stream().filter(o -> o.failure() instanceof SessionStorageException).count();
        }

        /** Slowest writer during the fault, confirmed or failed: how long a request waited at most. */
        public long maxFaultLatencyMillis() {
            return TimeUnit.NANOSECONDS.toMillis(outcomes.stream().filter(o -> o.phase() == Phase.DURING)
                    .mapToLong(Outcome::nanos).max().orElse(0));
        }

        public long recoveryMillis() {
            return TimeUnit.NANOSECONDS.toMillis(recoveryNanos);
        }

        /** Checks every promise of the scenario; the figures are in {@link #toString()}. */
        public Report assertHeld() {
            assertThat(lostWrites()).as("%s: confirmed writes missing afterwards", label).isEmpty();
            assertThat(outcomes).as("%s: before and after the fault every write is confirmed", label)
                    .filteredOn(o -> o.phase() != Phase.DURING).allMatch(Outcome::confirmed);
            assertThat(outcomes).as("%s: during the fault the only failure is SessionStorageException", label)
                    .filteredOn(o -> !o.confirmed()).allSatisfy(o ->
                            assertThat(o.failure()).as("writer %d", o.index()).isInstanceOf(SessionStorageException.class));
            assertThat(logoutDuringFault).as("%s: a logout during the fault succeeds or fails with 503", label)
                    .satisfiesAnyOf(e -> assertThat(e).isNull(),
                            e -> assertThat(e).isInstanceOf(SessionStorageException.class));
            assertThat(staleResults).as("%s: requests that loaded a logged-out session cannot save it", label)
                    .allSatisfy(e -> assertThat(e).isInstanceOfAny(UpdateException.class, SessionStorageException.class));
            assertThat(staleResults.subList(STALE / 2, STALE)).as("%s: after recovery the refusal is UpdateException (400)", label)
                    .allSatisfy(e -> assertThat(e).isInstanceOf(UpdateException.class));
            assertThat(resurrected).as("%s: the logged-out session came back", label).isFalse();
            return this;
        }

        /** One line of figures, for the test log and {@code docs/reliability.md}. */
        @Override
        public String toString() {
            long otherFailures = outcomes.stream()
                    .filter(o -> !o.confirmed() && !(o.failure() instanceof SessionStorageException)).count();
            return "CHAOS " + label + ": writers=" + outcomes.size() + " confirmed=" + confirmed()
                    + " lost=" + lostWrites().size() + " storageFailures(503)=" + storageFailures()
                    + " otherFailures=" + otherFailures + " maxLatencyDuringFaultMs=" + maxFaultLatencyMillis()
                    + " recoveryMs=" + recoveryMillis()
                    + " logoutDuringFault=" + (logoutDuringFault == null ? "ok" : simpleName(logoutDuringFault))
                    + " staleSaves=" + staleResults.stream().map(OutageScenario::simpleName).toList()
                    + " resurrected=" + resurrected;
        }
    }

    private static String simpleName(Throwable t) {
        return t == null ? "confirmed" : t.getClass().getSimpleName();
    }
}

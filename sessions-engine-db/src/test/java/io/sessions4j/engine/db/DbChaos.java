package io.sessions4j.engine.db;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.UpdateException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Writers hammering one session while a test takes the database away and back: each writer adds keys of its
 * own, one save per key, and records what happened to each attempt under the phase it started in.
 */
final class DbChaos {
    /** Where the outage stands when an attempt starts. */
    enum Phase { BEFORE, CUT, RESTORED, HUNG, RESUMED }

    /** How attempts that started in one phase ended. */
    static final class Outcomes {
        final Queue<String> confirmed = new ConcurrentLinkedQueue<>();
        final Queue<Long> confirmedMillis = new ConcurrentLinkedQueue<>();
        final Queue<Long> storageFailureMillis = new ConcurrentLinkedQueue<>();
        final Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        /** SessionStorageExceptions of attempts that also ended in this phase (not straddling a change). */
        final AtomicInteger failedWithin = new AtomicInteger();

        @Override
        public String toString() {
            return confirmed.size() + " confirmed (max " + max(confirmedMillis) + " ms), " + storageFailureMillis.size()
                    + " SessionStorageException (median " + median(storageFailureMillis) + " ms, max "
                    + max(storageFailureMillis) + " ms; " + failedWithin + " of them ended in this phase), "
                    + unexpected.size() + " other";
        }
    }

    private final SessionEngine engine;
    private final String key;
    private final Map<Phase, Outcomes> outcomes = new EnumMap<>(Phase.class);
    private final AtomicInteger confirmedTotal = new AtomicInteger();
    private final AtomicInteger failedTotal = new AtomicInteger();
    private volatile Phase phase = Phase.BEFORE;
    private volatile boolean running = true;

    DbChaos(SessionEngine engine, String key) {
        this.engine = engine;
        this.key = key;
        for (Phase p : Phase.values()) {
            outcomes.put(p, new Outcomes());
        }
    }

    /** Starts {@code writers} threads; each saves one new key per attempt, pausing 50–150 ms between attempts. */
    List<Thread> start(int writers) {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread t = new Thread(() -> write(writer), "chaos-writer-" + w);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return threads;
    }

    private void write(int writer) {
        for (int attempt = 0; running; attempt++) {
            Phase started = phase;
            Outcomes out = outcomes.get(started);
            String name = "w" + writer + "_" + attempt;
            long t0 = System.nanoTime();
            try {
                SessionStore s = engine.open(key);
                s.put(name, attempt);
                s.save();
                out.confirmed.add(name);
                out.confirmedMillis.add((System.nanoTime() - t0) / 1_000_000);
                confirmedTotal.incrementAndGet();
            } catch (SessionStorageException e) {
                out.storageFailureMillis.add((System.nanoTime() - t0) / 1_000_000);
                if (phase == started) {
                    out.failedWithin.incrementAndGet();
                }
                failedTotal.incrementAndGet();
            } catch (RuntimeException | Error e) {
                out.unexpected.add(e);
            }
            try {
                Thread.sleep(50 + ThreadLocalRandom.current().nextInt(100));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    void enter(Phase next) {
        phase = next;
    }

    /** Waits until {@code more} further writes were confirmed (false after {@code limitMillis}). */
    boolean awaitConfirmed(int more, long limitMillis) {
        int target = confirmedTotal.get() + more;
        return await(() -> confirmedTotal.get() >= target, limitMillis);
    }

    /** Waits until {@code more} further writes failed (false after {@code limitMillis}). */
    boolean awaitFailed(int more, long limitMillis) {
        int target = failedTotal.get() + more;
        return await(() -> failedTotal.get() >= target, limitMillis);
    }

    private static boolean await(BooleanSupplier condition, long limitMillis) {
        long end = System.nanoTime() + limitMillis * 1_000_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                return false;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    void stop(List<Thread> threads) throws InterruptedException {
        running = false;
        for (Thread t : threads) {
            t.join(60_000);
        }
    }

    Outcomes outcomes(Phase p) {
        return outcomes.get(p);
    }

    List<String> allConfirmed() {
        List<String> all = new ArrayList<>();
        outcomes.values().forEach(o -> all.addAll(o.confirmed));
        return all;
    }

    List<Throwable> allUnexpected() {
        List<Throwable> all = new ArrayList<>();
        outcomes.values().forEach(o -> all.addAll(o.unexpected));
        return all;
    }

    /**
     * Logout racing {@code writers} saves: every writer loads the session, then it is flushed, then all save
     * at once (while {@code during} runs, e.g. a hang and resume). Returns how the saves ended: "saved",
     * "storage" (SessionStorageException), "interrupted" (UpdateException) or the class of anything else.
     */
    static List<String> logoutRace(SessionEngine engine, String key, int writers, Runnable during)
            throws InterruptedException {
        List<SessionStore> loaded = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            SessionStore s = engine.open(key);
            s.keySet();
            loaded.add(s);
        }
        engine.open(key).flush();
        List<String> results = Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            SessionStore s = loaded.get(i);
            int writer = i;
            Thread t = new Thread(() -> {
                try {
                    Thread.sleep(ThreadLocalRandom.current().nextInt(2000));
                    s.put("after_logout_" + writer, true);
                    s.save();
                    results.add("saved");
                } catch (SessionStorageException e) {
                    results.add("storage");
                } catch (UpdateException e) {
                    results.add("interrupted");
                } catch (InterruptedException e) {
                    results.add("interrupted-thread");
                } catch (RuntimeException e) {
                    results.add(e.getClass().getName());
                }
            });
            t.start();
            threads.add(t);
        }
        during.run();
        for (Thread t : threads) {
            t.join(60_000);
        }
        return results;
    }

    static long median(Queue<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.isEmpty() ? 0 : sorted.get(sorted.size() / 2);
    }

    static long max(Queue<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElse(0);
    }
}

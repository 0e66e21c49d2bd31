package io.sessions4j.engine.file;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The second process of {@link CrossProcessConcurrencyTest}: opens its own engine on the same
 * directory, says {@code ready}, waits for {@code go} on standard input, then saves distinct keys
 * into one session from several threads and says {@code done}. Exit status 1 on any failure.
 *
 * <p>Arguments: directory, session keys (comma-separated; thread {@code t} uses key {@code t mod n}),
 * key prefix, threads, saves per thread.
 */
public final class SessionHammer {
    private SessionHammer() {
    }

    public static void main(String[] args) throws Exception {
        Path directory = Path.of(args[0]);
        List<String> sessionKeys = List.of(args[1].split(","));
        String prefix = args[2];
        int threads = Integer.parseInt(args[3]);
        int saves = Integer.parseInt(args[4]);
        try (SessionEngine engine = FileEngines.engine(directory, Clock.systemUTC(), Map.of())) {
            System.out.println("ready");
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            if (!"go".equals(in.readLine())) {
                System.exit(2);
            }
            hammer(engine, sessionKeys, prefix, threads, saves);
            System.out.println("done");
            System.out.flush();
        } catch (Throwable e) {
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Saves {@code prefix<thread>-<i> = i} into session {@code t mod n}, {@code saves} times per thread. */
    static void hammer(SessionEngine engine, List<String> sessionKeys, String prefix, int threads, int saves)
            throws Exception {
        List<Thread> workers = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            String sessionKey = sessionKeys.get(t % sessionKeys.size());
            Thread worker = new Thread(() -> {
                try {
                    for (int i = 0; i < saves; i++) {
                        SessionStore s = engine.open(sessionKey);
                        s.put(prefix + id + "-" + i, i);
                        s.save();
                        if (!sessionKey.equals(s.getSessionKey())) {
                            throw new IllegalStateException("the session was lost: " + s.getSessionKey());
                        }
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            }, "hammer-" + prefix + id);
            worker.start();
            workers.add(worker);
        }
        for (Thread worker : workers) {
            worker.join();
        }
        if (!failures.isEmpty()) {
            AssertionError error = new AssertionError(failures.size() + " hammer threads failed");
            failures.forEach(error::addSuppressed);
            throw error;
        }
    }
}

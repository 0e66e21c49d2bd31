package io.sessions4j.api;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link SessionEngine#clearExpired()} in-process every {@code sessions.clear_expired.interval},
 * for deployments without cron. Each run is scheduled with up to 10% random jitter, and the first
 * one at a random point of the first interval, so that many nodes started together do not all
 * sweep the same table at once. One daemon thread; stops with the engine.
 */
final class ExpiredSessionSweeper implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ExpiredSessionSweeper.class);

    private final SessionEngine engine;
    private final long intervalMillis;
    private final ScheduledExecutorService scheduler;

    ExpiredSessionSweeper(SessionEngine engine, Duration interval) {
        this.engine = engine;
        this.intervalMillis = Math.max(1, interval.toMillis());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sessions4j-clear-expired-" + engine.name());
            t.setDaemon(true);
            return t;
        });
        scheduler.schedule(this::sweep, ThreadLocalRandom.current().nextLong(intervalMillis), TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long removed = engine.clearExpired();
            LOG.info("Removed {} expired sessions ({} engine)", removed, engine.name());
        } catch (RuntimeException e) {
            // A failed sweep is retried at the next interval; it must never kill the thread.
            LOG.warn("Clearing expired sessions failed ({} engine): {}", engine.name(), e.toString());
        } finally {
            if (!scheduler.isShutdown()) {
                long jitter = ThreadLocalRandom.current().nextLong(-intervalMillis / 10, intervalMillis / 10 + 1);
                scheduler.schedule(this::sweep, intervalMillis + jitter, TimeUnit.MILLISECONDS);
            }
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}

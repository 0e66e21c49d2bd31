package io.sessions4j.micrometer;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sessions4j.api.SessionCounts;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.events.SessionEvent;
import io.sessions4j.api.events.SessionEvents;
import io.sessions4j.api.events.SessionListener;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Micrometer meters for one session engine, fed by its {@link SessionEvents}. Every meter is tagged
 * {@code engine} (the engine's name):
 *
 * <ul>
 *   <li>{@code sessions.events} — counter per lifecycle event, tag {@code result}: {@code created},
 *       {@code key_cycled}, {@code deleted}, {@code revoked}, {@code expired}, {@code principal_bound};</li>
 *   <li>{@code sessions.saved} — counter of successful saves; {@code sessions.save.conflicts} — counter of
 *       concurrent saves merged into them;</li>
 *   <li>{@code sessions.load} — timer of storage reads, tag {@code result} {@code found} or {@code missing};
 *       {@code sessions.save} — timer of saves (retries included);</li>
 *   <li>{@code sessions.size} — distribution summary of the stored (encoded) size, base unit bytes;</li>
 *   <li>{@code sessions.live} — gauge of live sessions, only with {@link #bindLiveGauge} (it runs the engine's
 *       count, a full {@code COUNT} on db: bind it only where a scrape may afford that).</li>
 * </ul>
 *
 * <pre>{@code
 * SessionMetrics.bind(engine, registry);
 * }</pre>
 */
public final class SessionMetrics implements SessionListener {
    private final Map<SessionEvent.Type, Counter> events = new EnumMap<>(SessionEvent.Type.class);
    private final Counter saved;
    private final Counter conflicts;
    private final Timer loadFound;
    private final Timer loadMissing;
    private final Timer save;
    private final DistributionSummary size;

    private SessionMetrics(String engine, MeterRegistry registry) {
        for (SessionEvent.Type type : SessionEvent.Type.values()) {
            events.put(type, Counter.builder("sessions.events").description("Session lifecycle events")
                    .tag("engine", engine).tag("result", type.name().toLowerCase(Locale.ROOT)).register(registry));
        }
        this.saved = Counter.builder("sessions.saved").description("Sessions saved (created or updated)")
                .tag("engine", engine).register(registry);
        this.conflicts = Counter.builder("sessions.save.conflicts")
                .description("Concurrent saves merged into a save (compare-and-set retries)").tag("engine", engine)
                .register(registry);
        this.loadFound = loadTimer(engine, "found", registry);
        this.loadMissing = loadTimer(engine, "missing", registry);
        this.save = Timer.builder("sessions.save").description("Time spent saving sessions in storage")
                .tag("engine", engine).register(registry);
        this.size = DistributionSummary.builder("sessions.size").description("Stored size of saved sessions")
                .baseUnit("bytes").tag("engine", engine).register(registry);
    }

    /**
     * Registers the meters of {@code engine} in {@code registry} and starts feeding them.
     *
     * @return the listener, to remove with {@link SessionEvents#removeListener} if ever needed
     * @throws IllegalArgumentException when the engine tells no events (signed cookies)
     */
    public static SessionMetrics bind(SessionEngine engine, MeterRegistry registry) {
        Objects.requireNonNull(registry, "registry");
        SessionEvents source = engine.capability(SessionEvents.class).orElseThrow(() -> new IllegalArgumentException(
                "engine " + engine.name() + " tells no session events, so there is nothing to measure"));
        SessionMetrics metrics = new SessionMetrics(engine.name(), registry);
        source.addListener(metrics);
        return metrics;
    }

    /**
     * Adds the {@code sessions.live} gauge, read from {@link SessionEngine#count()} at each scrape; nothing
     * when the engine cannot count (caches, cookies). On db that is a full {@code COUNT}: bind it only where
     * the scrape interval makes that affordable.
     */
    public static void bindLiveGauge(SessionEngine engine, MeterRegistry registry) {
        if (engine.count().isEmpty()) {
            return;
        }
        registry.gauge("sessions.live", java.util.List.of(io.micrometer.core.instrument.Tag.of("engine", engine.name())),
                engine, e -> e.count().map(SessionCounts::live).orElse(0L).doubleValue());
    }

    private static Timer loadTimer(String engine, String result, MeterRegistry registry) {
        return Timer.builder("sessions.load").description("Time spent reading sessions from storage")
                .tag("engine", engine).tag("result", result).register(registry);
    }

    @Override
    public void onEvent(SessionEvent event) {
        events.get(event.type()).increment();
    }

    @Override
    public void onLoad(String engine, Duration took, boolean found) {
        (found ? loadFound : loadMissing).record(took);
    }

    @Override
    public void onSave(String engine, Duration took, int sizeBytes, int conflictsMerged) {
        saved.increment();
        save.record(took);
        size.record(sizeBytes);
        if (conflictsMerged > 0) {
            conflicts.increment(conflictsMerged);
        }
    }
}

package io.sessions4j.bench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.bench.RoundTripCounter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The output of {@link RoundTripCounter}, and what a round trip is. */
public final class RoundTripCounts {
    /**
     * Commands that run a server-side script. {@code INFO commandstats} also counts the commands the
     * script calls; those are not round trips. sessions4j's compare-and-set script calls {@code GETRANGE} (or
     * {@code GET} for an ACL user without it) and, when the data is unchanged (always, on one thread), {@code SET}.
     */
    private static final List<String> SCRIPTS = List.of("evalsha", "eval");
    private static final int CALLS_PER_SCRIPT = 2;

    private final List<RoundTripCounter.Count> counts;

    private RoundTripCounts(List<RoundTripCounter.Count> counts) {
        this.counts = counts;
    }

    /** Reads the counter's JSON; empty when the file does not exist. */
    public static RoundTripCounts read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return new RoundTripCounts(List.of());
        }
        return new RoundTripCounts(new ObjectMapper().readValue(file.toFile(), new TypeReference<>() {
        }));
    }

    public List<RoundTripCounter.Count> all() {
        return counts;
    }

    /** Redis commands sent by the client per operation: every command less those run inside scripts. */
    public static double redisRoundTrips(RoundTripCounter.Count count) {
        Map<String, Double> commands = count.redisCommands();
        double total = commands.values().stream().mapToDouble(Double::doubleValue).sum();
        double scripts = SCRIPTS.stream().mapToDouble(s -> commands.getOrDefault(s, 0.0)).sum();
        return total - CALLS_PER_SCRIPT * scripts;
    }

    /** SQL statements plus Redis round trips, per operation. */
    public static double roundTrips(RoundTripCounter.Count count) {
        return count.statements() + redisRoundTrips(count);
    }
}

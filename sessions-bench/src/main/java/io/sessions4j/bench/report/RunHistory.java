package io.sessions4j.bench.report;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The paired ratios of each target in the last runs that measured it, so that a target asking for two
 * consecutive runs can be judged, and the report can show the previous run beside this one.
 *
 * <p>Kept in {@code benchmarks-runs.json} beside the report (committed with {@code docs/benchmarks.md}):
 * it must outlive {@code target/} and travel with the figures it explains, and a development run writing
 * its report elsewhere ({@code BENCH_DOCS}) then keeps a history of its own. Entries are per target, so a
 * partial run (e.g. only the PostgreSQL systems, as issue #20 did) counts as a run for the targets it
 * measured and leaves the others' history alone.
 */
public final class RunHistory {
    /** Entries kept per target: this run and the one before. */
    static final int KEPT = 2;

    /**
     * One run's paired ratio of one target.
     *
     * @param run    the run's start time ({@code run.started}), which identifies it
     * @param commit the commit the run measured
     */
    public record Entry(String run, String commit, double median, double min, double max, int pairs) {
        PairedRatio ratio() {
            return new PairedRatio(median, min, max, pairs, 0);
        }
    }

    private final Map<String, List<Entry>> byTarget;

    private RunHistory(Map<String, List<Entry>> byTarget) {
        this.byTarget = byTarget;
    }

    public static RunHistory empty() {
        return new RunHistory(new TreeMap<>());
    }

    /** Reads the history; empty when the file does not exist. */
    public static RunHistory read(Path file) throws IOException {
        if (!Files.exists(file)) {
            return empty();
        }
        Map<String, List<Entry>> read = new ObjectMapper().readValue(file.toFile(), new TypeReference<TreeMap<String, List<Entry>>>() {
        });
        Map<String, List<Entry>> mutable = new TreeMap<>();
        read.forEach((k, v) -> mutable.put(k, new ArrayList<>(v)));
        return new RunHistory(mutable);
    }

    public void write(Path file) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), byTarget);
    }

    /** The newest entry of {@code targetId} from a run other than {@code run}, or null. */
    public Entry previous(String targetId, String run) {
        List<Entry> entries = byTarget.getOrDefault(targetId, List.of());
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (!entries.get(i).run().equals(run)) {
                return entries.get(i);
            }
        }
        return null;
    }

    /**
     * Records this run's ratio of a target, replacing an entry of the same run (a report regenerated from
     * the same results), and keeps the last {@value #KEPT} runs.
     */
    public void record(String targetId, Entry entry) {
        List<Entry> entries = byTarget.computeIfAbsent(targetId, k -> new ArrayList<>());
        entries.removeIf(e -> e.run().equals(entry.run()));
        entries.add(entry);
        while (entries.size() > KEPT) {
            entries.remove(0);
        }
    }
}

package io.sessions4j.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The figures of one run ({@link Measurement}s), from its samples, and the codec profile's JMH results. */
public final class JmhResults {
    private final List<Measurement> measurements;

    private JmhResults(List<Measurement> measurements) {
        this.measurements = measurements;
    }

    /**
     * The figures of a paired run: per system, operation and thread count, the median of its samples
     * (score, error and allocation each), flagged noisy when the median breaks {@link RemeasureRule}.
     */
    public static JmhResults fromSamples(List<Sample> samples) {
        Map<String, List<Sample>> byFigure = new java.util.LinkedHashMap<>();
        samples.forEach(s -> byFigure.computeIfAbsent(s.figureKey(), k -> new ArrayList<>()).add(s));
        List<Measurement> all = new ArrayList<>();
        byFigure.values().forEach(list -> {
            Sample first = list.get(0);
            double score = Stats.median(list.stream().map(Sample::score).toList());
            double error = Stats.median(list.stream().map(Sample::error).toList());
            all.add(new Measurement(first.family(), first.system(), first.operation(), first.threads(), score, error,
                    Stats.median(list.stream().map(Sample::alloc).toList()), list.size(), RemeasureRule.noisy(score, error)));
        });
        return new JmhResults(Collections.unmodifiableList(all));
    }

    /** Reads {@code samples.jsonl} as {@code BenchRun} writes it; empty when the file does not exist. */
    public static List<Sample> readSamples(Path file) throws IOException {
        if (!java.nio.file.Files.exists(file)) {
            return List.of();
        }
        ObjectMapper mapper = new ObjectMapper();
        List<Sample> samples = new ArrayList<>();
        for (String line : java.nio.file.Files.readAllLines(file)) {
            if (!line.isBlank()) {
                JsonNode n = mapper.readTree(line);
                samples.add(new Sample(n.get("family").asText(), n.get("system").asText(), n.get("operation").asText(),
                        n.get("threads").asInt(), n.get("slot").asText(), n.get("round").asInt(), number(n.get("score")),
                        number(n.get("error")), number(n.get("alloc")), n.get("iterations").asInt(), n.get("attempts").asInt(),
                        n.get("noisy").asBoolean()));
            }
        }
        return samples;
    }

    /**
     * The results of a benchmark class without parameters (the codec profile), by method name; empty when
     * the file does not exist.
     */
    public static Map<String, Measurement> averageTimes(Path file) throws IOException {
        Map<String, Measurement> byMethod = new java.util.LinkedHashMap<>();
        if (!java.nio.file.Files.exists(file)) {
            return byMethod;
        }
        for (JsonNode result : new ObjectMapper().readTree(file.toFile())) {
            String[] parts = result.get("benchmark").asText().split("\\.");
            JsonNode metric = result.get("primaryMetric");
            String method = parts[parts.length - 1];
            byMethod.put(method, Measurement.single("codec", "codec", method, result.get("threads").asInt(),
                    number(metric.get("score")), number(metric.get("scoreError"))));
        }
        return byMethod;
    }

    private static double number(JsonNode node) {
        return node == null ? Double.NaN : node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
    }

    public List<Measurement> all() {
        return measurements;
    }

    /** The measurement of {@code family/system/operation} at {@code threads}, if it was run. */
    public Optional<Measurement> find(String family, String system, String operation, int threads) {
        return measurements.stream().filter(m -> m.family().equals(family) && m.system().equals(system)
                && m.operation().equals(operation) && m.threads() == threads).findFirst();
    }

    /** The thread counts present, ascending. */
    public List<Integer> threadCounts() {
        return measurements.stream().map(Measurement::threads).distinct().sorted().toList();
    }
}

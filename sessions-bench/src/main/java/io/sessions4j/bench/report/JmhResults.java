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

/** The JMH JSON result files of one run, read into {@link Measurement}s. */
public final class JmhResults {
    private static final Map<String, String> FAMILIES = Map.of(
            "Sessions4jBenchmark", "sessions4j", "FloorBenchmark", "floor", "SpringSessionBenchmark", "spring");

    private final List<Measurement> measurements;
    private final JsonNode first;

    private JmhResults(List<Measurement> measurements, JsonNode first) {
        this.measurements = measurements;
        this.first = first;
    }

    /** Reads and merges the given result files (one per thread count). */
    public static JmhResults read(List<Path> files) throws IOException {
        ObjectMapper mapper = new ObjectMapper();
        List<Measurement> all = new ArrayList<>();
        JsonNode first = null;
        for (Path file : files) {
            for (JsonNode result : mapper.readTree(file.toFile())) {
                first = first == null ? result : first;
                String benchmark = result.get("benchmark").asText();
                String[] parts = benchmark.split("\\.");
                String family = FAMILIES.get(parts[parts.length - 2]);
                if (family == null) {
                    continue;
                }
                JsonNode metric = result.get("primaryMetric");
                all.add(new Measurement(family, result.get("params").get("system").asText(), parts[parts.length - 1],
                        result.get("threads").asInt(), number(metric.get("score")), number(metric.get("scoreError"))));
            }
        }
        return new JmhResults(Collections.unmodifiableList(all), first);
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
            byMethod.put(method, new Measurement("codec", "codec", method, result.get("threads").asInt(),
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

    /** A run setting as JMH recorded it (e.g. {@code jdkVersion}, {@code warmupTime}), or "?". */
    public String setting(String name) {
        JsonNode value = first == null ? null : first.get(name);
        return value == null ? "?" : value.isValueNode() ? value.asText() : value.toString();
    }

    /** The thread counts present, ascending. */
    public List<Integer> threadCounts() {
        return measurements.stream().map(Measurement::threads).distinct().sorted().toList();
    }
}

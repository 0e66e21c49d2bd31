package io.sessions4j.bench.report;

import java.util.Collection;
import java.util.List;

/** The few statistics the report needs, on small samples (5–10 values). */
public final class Stats {
    private Stats() {
    }

    /** The median; the mean of the two middle values for an even count; NaN for none. */
    public static double median(Collection<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !Double.isNaN(v)).sorted().toList();
        int n = sorted.size();
        if (n == 0) {
            return Double.NaN;
        }
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** The smallest value, NaN for none. */
    public static double min(Collection<Double> values) {
        return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** The largest value, NaN for none. */
    public static double max(Collection<Double> values) {
        return values.stream().filter(v -> !Double.isNaN(v)).mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}

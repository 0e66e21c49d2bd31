package io.sessions4j.bench.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A ratio measured side by side: the system's and the reference's samples of the same round, taken one
 * right after the other in the same two warm JVMs, give one ratio per pair; the ratio reported is their
 * median, and the spread their range. Drift of the machine's load between rounds moves both sides of a
 * pair together, so it widens the spread instead of biasing the median.
 *
 * @param median     median of the per-pair ratios (system ÷ reference), NaN without pairs
 * @param min        smallest per-pair ratio
 * @param max        largest per-pair ratio
 * @param pairs      number of pairs
 * @param noisyPairs pairs in which either sample stayed noisy after re-measuring ({@link RemeasureRule})
 */
public record PairedRatio(double median, double min, double max, int pairs, int noisyPairs) {

    /**
     * Pairs {@code system}'s samples with {@code reference}'s of the same round (samples without a partner
     * are left out) and summarises the ratios.
     */
    public static PairedRatio of(List<Sample> system, List<Sample> reference) {
        Map<Integer, Sample> byRound = reference.stream().collect(Collectors.toMap(Sample::round, Function.identity(), (a, b) -> a));
        List<Double> ratios = new ArrayList<>();
        int noisy = 0;
        for (Sample s : system) {
            Sample r = byRound.get(s.round());
            if (r == null || !(r.score() > 0)) {
                continue;
            }
            ratios.add(s.score() / r.score());
            if (s.noisy() || r.noisy()) {
                noisy++;
            }
        }
        return new PairedRatio(Stats.median(ratios), Stats.min(ratios), Stats.max(ratios), ratios.size(), noisy);
    }

    /** Whether the median reaches {@code required}. */
    public boolean reaches(double required) {
        return pairs > 0 && median >= required;
    }
}

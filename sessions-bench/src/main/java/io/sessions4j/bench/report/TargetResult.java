package io.sessions4j.bench.report;

import java.util.ArrayList;
import java.util.List;

/**
 * A target judged on one run's samples: its paired ratio, the previous run's (from {@link RunHistory}),
 * and whether it is met.
 *
 * @param previous the previous run's entry of this target, null when none was recorded
 */
public record TargetResult(Target target, PairedRatio ratio, RunHistory.Entry previous) {

    public boolean met() {
        return target.met(ratio, previous == null ? null : previous.ratio());
    }

    /**
     * Every target whose pairs the samples hold: the engine's samples of the target's operation and the
     * reference's samples taken beside them (same slot, same thread count), paired by round.
     */
    public static List<TargetResult> evaluate(List<Sample> samples, RunHistory history, String run) {
        List<TargetResult> results = new ArrayList<>();
        for (Target t : Target.ALL) {
            List<Sample> engine = samples.stream().filter(s -> s.family().equals("sessions4j") && s.system().equals(t.engine())
                    && s.operation().equals(t.operation()) && s.threads() == t.threads() && s.slot().equals(t.operation())).toList();
            List<Sample> reference = samples.stream().filter(s -> s.family().equals(t.refFamily()) && s.system().equals(t.refSystem())
                    && s.operation().equals(t.refOperation()) && s.threads() == t.threads() && s.slot().equals(t.operation())).toList();
            PairedRatio ratio = PairedRatio.of(engine, reference);
            if (ratio.pairs() > 0) {
                results.add(new TargetResult(t, ratio, history.previous(t.id(), run)));
            }
        }
        return results;
    }
}

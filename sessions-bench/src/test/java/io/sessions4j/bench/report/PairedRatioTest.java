package io.sessions4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class PairedRatioTest {
    static Sample sample(String family, String system, String op, int threads, String slot, int round, double score, boolean noisy) {
        return new Sample(family, system, op, threads, slot, round, score, score / 10, 1000, 5, 1, noisy);
    }

    static Sample engine(int round, double score) {
        return sample("sessions4j", "db_postgresql", "read", 1, "read", round, score, false);
    }

    static Sample floor(int round, double score) {
        return sample("floor", "jdbc_postgresql", "read", 1, "read", round, score, false);
    }

    @Test
    void eachRoundGivesOneRatioAndTheMedianIsReportedWithItsRange() {
        PairedRatio r = PairedRatio.of(
                List.of(engine(1, 90), engine(2, 40), engine(3, 80), engine(4, 100), engine(5, 70)),
                List.of(floor(1, 100), floor(2, 50), floor(3, 100), floor(4, 100), floor(5, 100)));
        assertThat(r.pairs()).isEqualTo(5);
        assertThat(r.median()).isCloseTo(0.8, within(1e-9));
        assertThat(r.min()).isCloseTo(0.7, within(1e-9));
        assertThat(r.max()).isCloseTo(1.0, within(1e-9));
    }

    @Test
    void samplesArePairedByRoundNotByPosition() {
        // Rounds taken minutes apart under different load must not be divided by each other.
        PairedRatio r = PairedRatio.of(List.of(engine(2, 50), engine(1, 100)), List.of(floor(1, 200), floor(2, 100)));
        assertThat(r.median()).isCloseTo(0.5, within(1e-9));
        assertThat(r.min()).isCloseTo(0.5, within(1e-9));
        assertThat(r.max()).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void aSampleWithoutPartnerIsLeftOut() {
        PairedRatio r = PairedRatio.of(List.of(engine(1, 80), engine(2, 10)), List.of(floor(1, 100)));
        assertThat(r.pairs()).isEqualTo(1);
        assertThat(r.median()).isCloseTo(0.8, within(1e-9));
    }

    @Test
    void pairsWithANoisySampleAreCounted() {
        PairedRatio r = PairedRatio.of(
                List.of(engine(1, 80), sample("sessions4j", "db_postgresql", "read", 1, "read", 2, 80, true)),
                List.of(sample("floor", "jdbc_postgresql", "read", 1, "read", 1, 100, true), floor(2, 100)));
        assertThat(r.noisyPairs()).isEqualTo(2);
    }

    @Test
    void noPairsReachNothing() {
        PairedRatio r = PairedRatio.of(List.of(engine(1, 80)), List.of());
        assertThat(r.pairs()).isZero();
        assertThat(r.median()).isNaN();
        assertThat(r.reaches(0.1)).isFalse();
    }
}

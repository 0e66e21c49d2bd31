package io.sessions4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StatsTest {
    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Stats.median(List.of(5.0, 1.0, 3.0, 9.0, 2.0))).isEqualTo(3.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Stats.median(List.of(4.0, 1.0, 3.0, 10.0))).isEqualTo(3.5);
    }

    @Test
    void unknownValuesAreLeftOut() {
        assertThat(Stats.median(List.of(Double.NaN, 2.0, 4.0, 6.0))).isEqualTo(4.0);
        assertThat(Stats.min(List.of(Double.NaN, 2.0, 4.0))).isEqualTo(2.0);
        assertThat(Stats.max(List.of(Double.NaN, 2.0, 4.0))).isEqualTo(4.0);
    }

    @Test
    void noValuesGiveNaN() {
        assertThat(Stats.median(List.of())).isNaN();
        assertThat(Stats.min(List.of(Double.NaN))).isNaN();
        assertThat(Stats.max(List.of())).isNaN();
    }
}

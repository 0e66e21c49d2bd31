package io.sessions4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RemeasureRuleTest {
    private final RemeasureRule rule = new RemeasureRule(2);

    @Test
    void anErrorAboveAThirdOfTheFigureIsNoisy() {
        assertThat(RemeasureRule.noisy(95_000, 91_000)).isTrue();
        assertThat(RemeasureRule.noisy(90_000, 30_001)).isTrue();
    }

    @Test
    void anErrorOfAThirdOrLessIsNot() {
        assertThat(RemeasureRule.noisy(90_000, 30_000)).isFalse();
        assertThat(RemeasureRule.noisy(90_000, 1_000)).isFalse();
    }

    @Test
    void anUnknownErrorOrNoThroughputCountsAsNoisy() {
        assertThat(RemeasureRule.noisy(90_000, Double.NaN)).isTrue();
        assertThat(RemeasureRule.noisy(0, 0)).isTrue();
        assertThat(RemeasureRule.noisy(Double.NaN, 1)).isTrue();
    }

    @Test
    void aNoisyFigureIsMeasuredAgainWithTwiceTheIterations() {
        assertThat(rule.nextIterations(1, 5, 100, 50)).isEqualTo(10);
        assertThat(rule.nextIterations(2, 10, 100, 50)).isEqualTo(20);
    }

    @Test
    void retriesAreBounded() {
        assertThat(rule.nextIterations(3, 20, 100, 50)).isZero();
        assertThat(new RemeasureRule(0).nextIterations(1, 5, 100, 50)).isZero();
    }

    @Test
    void aQuietFigureIsNotMeasuredAgain() {
        assertThat(rule.nextIterations(1, 5, 100, 10)).isZero();
    }

    @Test
    void relativeErrorIsInfiniteWhenUnknown() {
        assertThat(RemeasureRule.relativeError(200, 50)).isEqualTo(0.25);
        assertThat(RemeasureRule.relativeError(200, Double.NaN)).isInfinite();
    }

    @Test
    void negativeRetriesAreRejected() {
        assertThatThrownBy(() -> new RemeasureRule(-1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maxRetries");
    }
}

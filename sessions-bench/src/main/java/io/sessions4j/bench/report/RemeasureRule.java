package io.sessions4j.bench.report;

/**
 * When a JMH figure is too noisy to report as is (issue #20, "Honest numbers"): its error (JMH's 99.9%
 * confidence half-width) exceeds a third of the figure. Such a figure is measured again with twice the
 * measurement iterations, at most {@link #maxRetries} times; one that stays noisy is kept (the attempt
 * with the smallest relative error) and flagged in the report with its error.
 *
 * <p>Why more iterations rather than longer ones: JMH's error is Student's t at 99.9% times the standard
 * error, and t shrinks fast with the count (31.6 for 3 iterations, 8.6 for 5, 4.8 for 10), so doubling the
 * count is what brings an honest but short measurement under the limit.
 *
 * @param maxRetries how many re-measurements after the first attempt
 */
public record RemeasureRule(int maxRetries) {
    /** The largest error, as a fraction of the score, that is reported without a flag. */
    public static final double MAX_RELATIVE_ERROR = 1.0 / 3;

    public RemeasureRule {
        if (maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + maxRetries);
        }
    }

    /**
     * Whether a figure breaks the rule. An unknown error (NaN: JMH gives none for a single iteration) or
     * a score of zero or less counts as noisy: nothing shows it is not.
     */
    public static boolean noisy(double score, double error) {
        return !(score > 0) || Double.isNaN(error) || error > score * MAX_RELATIVE_ERROR;
    }

    /** Error ÷ score, infinite when unknown. */
    public static double relativeError(double score, double error) {
        return score > 0 && !Double.isNaN(error) ? error / score : Double.POSITIVE_INFINITY;
    }

    /**
     * The measurement iterations of the next attempt, or 0 when there is none: the figure of
     * {@code attempt} (1-based, measured with {@code iterations}) was noisy, and retries are left.
     */
    public int nextIterations(int attempt, int iterations, double score, double error) {
        if (!noisy(score, error) || attempt > maxRetries) {
            return 0;
        }
        return iterations * 2;
    }
}

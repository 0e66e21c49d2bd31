package io.sessions4j.bench.report;

/**
 * One reported figure: a system doing one operation at one thread count. From a paired run it is the
 * median of the system's samples ({@link Sample}) of that operation and thread count.
 *
 * @param family    {@code sessions4j}, {@code floor} or {@code spring}
 * @param system    the system's name within its family, e.g. {@code db_postgresql}
 * @param operation {@code read}, {@code write}, {@code create} or {@code cycle}
 * @param threads   JMH threads
 * @param score     operations per second (median of the samples)
 * @param error     JMH's 99.9% confidence half-width, in operations per second (median of the samples' errors;
 *                  NaN when unknown)
 * @param alloc     bytes allocated per operation (median of the samples' {@code gc.alloc.rate.norm}; NaN when not measured)
 * @param samples   how many samples the figure is the median of
 * @param noisy     whether the figure breaks {@link RemeasureRule} even after re-measuring
 */
public record Measurement(String family, String system, String operation, int threads, double score, double error,
                          double alloc, int samples, boolean noisy) {

    /** A single JMH result, outside a paired run (the codec profile). */
    static Measurement single(String family, String system, String operation, int threads, double score, double error) {
        return new Measurement(family, system, operation, threads, score, error, Double.NaN, 1, RemeasureRule.noisy(score, error));
    }
}

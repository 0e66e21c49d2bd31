package io.sessions4j.bench.report;

/**
 * One JMH measurement of a paired run: one system doing one operation at one thread count, in one round.
 * {@code BenchRun} writes one per line to {@code samples.jsonl}; the report reads them back.
 *
 * @param family     {@code sessions4j}, {@code floor} or {@code spring}
 * @param system     the system's name within its family, e.g. {@code db_postgresql}
 * @param operation  {@code read}, {@code write}, {@code create} or {@code cycle}
 * @param threads    JMH threads
 * @param slot       the engine operation this measurement was taken beside (its pair): the same as
 *                   {@code operation}, except a floor's WRITE measured next to an engine's CYCLE
 * @param round      1-based round; a pair is the engine's and the reference's sample of the same slot and round
 * @param score      operations per second
 * @param error      JMH's 99.9% confidence half-width, in operations per second (NaN when JMH gave none)
 * @param alloc      bytes allocated per operation ({@code gc.alloc.rate.norm}), NaN when not measured
 * @param iterations JMH measurement iterations of the kept attempt
 * @param attempts   how many times it was measured (more than 1 when the re-measure rule fired)
 * @param noisy      whether the kept attempt still broke {@link RemeasureRule}
 */
public record Sample(String family, String system, String operation, int threads, String slot, int round,
                     double score, double error, double alloc, int iterations, int attempts, boolean noisy) {

    /** {@code family/system/operation/threads}: what a figure aggregates over. */
    public String figureKey() {
        return family + "/" + system + "/" + operation + "/" + threads;
    }
}

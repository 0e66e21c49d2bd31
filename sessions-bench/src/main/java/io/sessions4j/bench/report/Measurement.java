package io.sessions4j.bench.report;

/**
 * One JMH result: a system doing one operation at one thread count.
 *
 * @param family    {@code sessions4j}, {@code floor} or {@code spring}
 * @param system    the system's name within its family, e.g. {@code db_postgresql}
 * @param operation {@code read}, {@code write}, {@code create} or {@code cycle}
 * @param threads   JMH threads
 * @param score     operations per second
 * @param error     JMH's 99.9% confidence half-width, in operations per second (NaN when unknown)
 */
public record Measurement(String family, String system, String operation, int threads, double score, double error) {
}

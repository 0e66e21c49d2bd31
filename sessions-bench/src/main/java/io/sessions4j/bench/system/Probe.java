package io.sessions4j.bench.system;

import io.sessions4j.testkit.CountingDataSource;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * How systems get their DataSource: untouched while timing, wrapped in a {@link CountingDataSource}
 * while counting round trips (the proxy costs time, so it never runs under JMH).
 */
public final class Probe {
    /** Hands DataSources through unchanged. */
    public static final Probe NONE = new Probe(false);

    private final boolean counting;
    private final List<CountingDataSource> counters = new ArrayList<>();

    private Probe(boolean counting) {
        this.counting = counting;
    }

    /** A probe that counts every statement executed through the DataSources it hands out. */
    public static Probe counting() {
        return new Probe(true);
    }

    /** The DataSource a system should use. */
    public synchronized DataSource instrument(DataSource dataSource) {
        if (!counting) {
            return dataSource;
        }
        CountingDataSource counter = new CountingDataSource(dataSource);
        counters.add(counter);
        return counter.dataSource();
    }

    /** Forgets the counts so far (set-up statements, preloading). */
    public synchronized void reset() {
        counters.forEach(CountingDataSource::reset);
    }

    /** Statements executed since {@link #reset()}, over every instrumented DataSource. */
    public synchronized long statements() {
        return counters.stream().mapToLong(CountingDataSource::statements).sum();
    }

    /** {@code commit}, {@code rollback} and {@code setAutoCommit} calls since {@link #reset()}. */
    public synchronized long transactionCalls() {
        return counters.stream().mapToLong(CountingDataSource::transactionCalls).sum();
    }

    /** The SQL executed since {@link #reset()}, in order. */
    public synchronized List<String> executed() {
        List<String> all = new ArrayList<>();
        counters.forEach(c -> all.addAll(c.executed()));
        return all;
    }
}

package io.sessions4j.bench.boot.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The report's arithmetic: requests per second from wrk's counts, ratios paired by round, their median and spread. */
class BootBenchReportTest {

    private static String line(int round, String mode, String kind, long requests) {
        return round + " " + mode + " " + kind + " requests=" + requests
                + " duration_us=20000000 errors=0 non2xx=0 p50_us=1500 p99_us=9000";
    }

    @Test
    void aRunIsParsedIntoRequestsPerSecondAndMilliseconds() {
        BootBenchReport.Run run = BootBenchReport.parse(List.of(
                "2 sessions4j-db read requests=40000 duration_us=20000000 errors=1 non2xx=2 p50_us=1500 p99_us=9000"
                        + " mean_us=4000")).get(0);
        assertThat(run.round()).isEqualTo(2);
        assertThat(run.rps()).isCloseTo(2000.0, within(1e-9));
        assertThat(run.p50Ms()).isCloseTo(1.5, within(1e-9));
        assertThat(run.p99Ms()).isCloseTo(9.0, within(1e-9));
        assertThat(run.errors()).isEqualTo(3);
        assertThat(run.inFlight()).as("2000 req/s × 4 ms").isCloseTo(8.0, within(1e-9));
    }

    @Test
    void resultsWithoutTheMeanStillParse() {
        assertThat(BootBenchReport.parse(List.of(line(1, "spring-redis", "read", 1000))).get(0).meanMs()).isNaN();
    }

    @Test
    void theRatioIsTheMedianOfRatiosTakenInTheSameRound() {
        // Round 1: 2.0; round 2: 4.0; round 3: 3.0 → median 3.0, spread 2.0–4.0. Pairing across rounds would differ.
        List<BootBenchReport.Run> runs = BootBenchReport.parse(List.of(
                line(1, "spring-jdbc", "read", 1000), line(1, "sessions4j-db", "read", 2000),
                line(2, "spring-jdbc", "read", 500), line(2, "sessions4j-db", "read", 2000),
                line(3, "sessions4j-db", "read", 3000), line(3, "spring-jdbc", "read", 1000)));
        Map<BootBenchReport.Pair, double[]> ratios = BootBenchReport.ratios(runs);
        assertThat(ratios).hasSize(1);
        BootBenchReport.Pair pair = ratios.keySet().iterator().next();
        assertThat(pair.backend()).isEqualTo("PostgreSQL");
        assertThat(pair.kind()).isEqualTo("read");
        assertThat(ratios.get(pair)).containsExactly(3.0, 2.0, 4.0, 3.0);
    }

    @Test
    void aSideMeasuredAloneGivesNoRatio() {
        List<BootBenchReport.Run> runs = BootBenchReport.parse(List.of(line(1, "sessions4j-redis", "write", 1000)));
        assertThat(BootBenchReport.ratios(runs)).isEmpty();
    }
}

package io.sessions4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunHistoryTest {
    private static RunHistory.Entry entry(String run, double median) {
        return new RunHistory.Entry(run, "c0ffee", median, median - 0.1, median + 0.1, 5);
    }

    @Test
    void thePreviousRunIsTheNewestOtherThanThisOne() {
        RunHistory h = RunHistory.empty();
        h.record("t", entry("run 1", 0.8));
        h.record("t", entry("run 2", 0.9));
        assertThat(h.previous("t", "run 2").median()).isEqualTo(0.8);
        assertThat(h.previous("t", "run 3").median()).isEqualTo(0.9);
        assertThat(h.previous("other", "run 3")).isNull();
    }

    @Test
    void onlyTheLastTwoRunsAreKept() {
        RunHistory h = RunHistory.empty();
        h.record("t", entry("run 1", 0.7));
        h.record("t", entry("run 2", 0.8));
        h.record("t", entry("run 3", 0.9));
        assertThat(h.previous("t", "run 3").run()).isEqualTo("run 2");
        assertThat(h.previous("t", "run 2").run()).isEqualTo("run 3");
    }

    @Test
    void aRegeneratedReportReplacesItsOwnRun() {
        RunHistory h = RunHistory.empty();
        h.record("t", entry("run 1", 0.7));
        h.record("t", entry("run 2", 0.8));
        h.record("t", entry("run 2", 0.85));
        assertThat(h.previous("t", "run 2").run()).isEqualTo("run 1");
        assertThat(h.previous("t", "run 9").median()).isEqualTo(0.85);
    }

    @Test
    void itSurvivesAWriteAndARead(@TempDir Path dir) throws Exception {
        RunHistory h = RunHistory.empty();
        h.record("db_postgresql/write/t1 vs floor/jdbc_postgresql/write", entry("2026-11-30 09:00 UTC", 0.9));
        Path file = dir.resolve("benchmarks-runs.json");
        h.write(file);
        assertThat(RunHistory.read(file).previous("db_postgresql/write/t1 vs floor/jdbc_postgresql/write", "later"))
                .isEqualTo(entry("2026-11-30 09:00 UTC", 0.9));
        assertThat(RunHistory.read(dir.resolve("missing.json")).previous("x", "y")).isNull();
    }
}

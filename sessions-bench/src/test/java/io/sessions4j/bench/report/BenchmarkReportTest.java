package io.sessions4j.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BenchmarkReportTest {
    @Test
    void aRequestReportIsCopiedAsItsTablesWithTheTextBeforeThem() {
        String request = """
                # Request-level benchmark

                Embedded Jetty 12, wrk -c16 (load average mean 6.52).
                Re-run: `sessions-bench/request-bench.sh`.

                | system | read req/s |
                |---|---:|
                | none | 79036 |

                ## Spring Boot

                | app | req/s |
                |---|---:|
                | boot | 1 |
                Trailing prose.
                """;
        assertThat(BenchmarkReport.copiedBlocks(request)).containsExactly(
                "Embedded Jetty 12, wrk -c16 (load average mean 6.52).\nRe-run: `sessions-bench/request-bench.sh`.\n\n"
                        + "| system | read req/s |\n|---|---:|\n| none | 79036 |\n",
                "### Spring Boot\n\n| app | req/s |\n|---|---:|\n| boot | 1 |\n");
    }

    @Test
    void theRunHistoryLivesBesideTheReport() {
        assertThat(BenchmarkReport.historyFile(Path.of("/repo/docs/benchmarks.md"))).isEqualTo(Path.of("/repo/docs/benchmarks-runs.json"));
    }
}

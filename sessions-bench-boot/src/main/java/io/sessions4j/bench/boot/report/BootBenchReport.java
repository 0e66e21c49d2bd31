package io.sessions4j.bench.boot.report;

import java.awt.Color;
import java.awt.Font;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * The report of {@code sessions-bench/boot-bench.sh}: a markdown page with the figures of every mode, the ratios
 * sessions4j ÷ Spring Session per backend and request kind against the targets, the machine's load, how to
 * re-run; and a small PNG chart of the ratios beside it.
 *
 * <p>Input: the script's {@code results.txt}, one line per measurement,
 * {@code <round> <mode> <read|write> requests=… duration_us=… errors=… non2xx=… p50_us=… p99_us=…}, and the
 * {@code load-before.txt}, {@code load-samples.txt}, {@code load-after.txt} files of the same directory.
 *
 * <p>Usage: {@code BootBenchReport <results> <out dir> <markdown> <duration s> <warm-up s> <sessions> <rounds> <jvm flags>}.
 */
public final class BootBenchReport {
    /** One comparison: the same backend and request kind on both sides, with the target ratio. */
    record Pair(String backend, String kind, String spring, String sessions4j, double target) {
        String label() {
            return backend + " " + kind;
        }
    }

    static final List<Pair> PAIRS = List.of(
            new Pair("PostgreSQL", "read", "spring-jdbc", "sessions4j-db", 3.0),
            new Pair("PostgreSQL", "write", "spring-jdbc", "sessions4j-db", 1.5),
            new Pair("Redis", "read", "spring-redis", "sessions4j-redis", 1.5),
            new Pair("Redis", "write", "spring-redis", "sessions4j-redis", 1.2));

    /** wrk's connections: a closed loop, so never more requests than this in flight. */
    static final int CONNECTIONS = 16;

    /** One wrk run; {@code meanMs} is NaN in results written before the script recorded it. */
    record Run(int round, String mode, String kind, double rps, double p50Ms, double p99Ms, double meanMs, long errors) {
        /**
         * Requests in flight by Little's law, throughput × mean latency: at most {@link #CONNECTIONS} when wrk's
         * latencies are right. Far above it, wrk's latencies are not self-consistent (most likely its own threads
         * waiting for a CPU on a loaded machine; not measured), so that run's percentiles are not to be trusted.
         */
        double inFlight() {
            return rps * meanMs / 1000;
        }
    }

    private BootBenchReport() {
    }

    public static void main(String[] args) throws IOException {
        Path resultsFile = Path.of(args[0]);
        Path out = Path.of(args[1]);
        Path markdown = Path.of(args[2]);
        String duration = args[3];
        String warmup = args[4];
        String sessions = args[5];
        String rounds = args[6];
        String jvm = args[7];
        List<Run> runs = parse(Files.readAllLines(resultsFile));
        Path png = markdown.resolveSibling(markdown.getFileName().toString().replaceFirst("\\.md$", "") + ".png");
        List<Double> samples = Files.exists(out.resolve("load-samples.txt"))
                ? Files.readAllLines(out.resolve("load-samples.txt")).stream().filter(s -> !s.isBlank())
                .map(Double::parseDouble).toList() : List.of();
        String load = String.format(Locale.ROOT, "before %s; during %s; after %s",
                read(out.resolve("load-before.txt")), samples.isEmpty() ? "n/a"
                        : String.format(Locale.ROOT, "mean %.2f, max %.2f (1-min average every 5 s)",
                        samples.stream().mapToDouble(d -> d).average().orElse(0),
                        samples.stream().mapToDouble(d -> d).max().orElse(0)),
                read(out.resolve("load-after.txt")));
        Map<Pair, double[]> ratios = ratios(runs);
        Files.writeString(markdown, markdown(runs, ratios, png.getFileName().toString(), load, duration, warmup,
                sessions, rounds, jvm));
        chart(ratios, png);
    }

    static List<Run> parse(List<String> lines) {
        List<Run> runs = new ArrayList<>();
        for (String line : lines) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            Map<String, Long> v = new HashMap<>();
            for (int i = 3; i < f.length; i++) {
                String[] kv = f[i].split("=", 2);
                v.put(kv[0], Long.parseLong(kv[1]));
            }
            runs.add(new Run(Integer.parseInt(f[0]), f[1], f[2], v.get("requests") / (v.get("duration_us") / 1e6),
                    v.get("p50_us") / 1000.0, v.get("p99_us") / 1000.0,
                    v.containsKey("mean_us") ? v.get("mean_us") / 1000.0 : Double.NaN, v.get("errors") + v.get("non2xx")));
        }
        return runs;
    }

    /** Per pair: {median, min, max} of the per-round ratios sessions4j ÷ Spring Session; absent when not measured. */
    static Map<Pair, double[]> ratios(List<Run> runs) {
        Map<Pair, double[]> ratios = new LinkedHashMap<>();
        for (Pair pair : PAIRS) {
            List<Double> perRound = new ArrayList<>();
            for (Run s4j : select(runs, pair.sessions4j(), pair.kind())) {
                select(runs, pair.spring(), pair.kind()).stream().filter(r -> r.round() == s4j.round()).findFirst()
                        .ifPresent(spring -> perRound.add(s4j.rps() / spring.rps()));
            }
            if (!perRound.isEmpty()) {
                ratios.put(pair, new double[] {median(perRound), min(perRound), max(perRound), perRound.size()});
            }
        }
        return ratios;
    }

    private static String markdown(List<Run> runs, Map<Pair, double[]> ratios, String png, String load, String duration,
                                   String warmup, String sessions, String rounds, String jvm) {
        StringBuilder md = new StringBuilder();
        md.append("# Spring Boot: sessions4j and Spring Session per request\n\n");
        md.append(String.format(Locale.ROOT, "One Spring Boot 4.0.7 application (Spring MVC on Tomcat, the same controller) "
                + "in four modes, each in its own JVM (`%s`), run on %s on %d cores: Spring Session 4.0.4 JDBC and Data Redis "
                + "against the sessions4j starter with the db engine (same PostgreSQL) and the cache engine (same Redis). "
                + "Equal footing: one HikariCP pool of 10 for both JDBC modes, Jedis pools of 10 on both Redis modes, Tomcat "
                + "threads 16–50, logging at WARN, `spring.mvc.publish-request-handled-events=false` in every mode.\n\n",
                jvm, ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
                Runtime.getRuntime().availableProcessors()));
        md.append(String.format(Locale.ROOT, "Load: wrk -t2 -c16 --latency, %s s per request kind and mode after a %s s "
                + "warm-up of each, %s round(s). The two JVMs of a backend run at the same time and are loaded one at a "
                + "time, both sides back to back in each round (Spring Session first in odd rounds, sessions4j first in "
                + "even ones), on %s sessions per mode created through the application beforehand (cookies `SESSION` "
                + "and `sessionid`), each request on one of them at random. "
                + "`/read` reads one session value; `/write` changes one key. Spring Session's read also writes the "
                + "session's last-access time (its `UPDATE`, or `HSET` on Redis); sessions4j does not write on a read.\n\n",
                duration, warmup, rounds, sessions));
        md.append("Load average of the machine: ").append(load).append(".\n\n");

        md.append("## sessions4j ÷ Spring Session, same backend\n\n");
        md.append("Ratio of requests per second; the median of the rounds' ratios (each round measures both sides), "
                + "with the lowest and highest round in brackets when there were several.\n\n");
        md.append("| backend | request | Spring Session req/s | sessions4j req/s | ratio | target | met |\n");
        md.append("|---|---|---:|---:|---:|---:|---|\n");
        for (Map.Entry<Pair, double[]> e : ratios.entrySet()) {
            Pair p = e.getKey();
            double[] r = e.getValue();
            long errors = errors(runs, p.spring(), p.kind()) + errors(runs, p.sessions4j(), p.kind());
            boolean met = r[0] >= p.target() && errors == 0;
            md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | **%.2f×**%s | ≥ %.1f× | %s |\n", p.backend(),
                    p.kind(), medianRps(runs, p.spring(), p.kind()), medianRps(runs, p.sessions4j(), p.kind()), r[0],
                    r[3] > 1 ? String.format(Locale.ROOT, " (%.2f–%.2f)", r[1], r[2]) : "", p.target(),
                    met ? "yes" : errors > 0 ? "no (" + errors + " errors)" : "no"));
        }
        md.append("\n![sessions4j ÷ Spring Session per request](").append(png).append(")\n\n");

        md.append("## Every mode\n\n");
        md.append("Medians over the rounds; latency in milliseconds as wrk reports it; errors = socket errors and "
                + "non-2xx answers, summed over the rounds.\n\n");
        md.append("| mode | read req/s | read p50 / p99 ms | write req/s | write p50 / p99 ms | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|\n");
        for (String mode : List.of("spring-jdbc", "sessions4j-db", "spring-redis", "sessions4j-redis")) {
            if (select(runs, mode, "read").isEmpty() && select(runs, mode, "write").isEmpty()) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %.0f | %.2f / %.2f | %.0f | %.2f / %.2f | %d |\n", mode,
                    medianRps(runs, mode, "read"), medianOf(runs, mode, "read", Run::p50Ms),
                    medianOf(runs, mode, "read", Run::p99Ms), medianRps(runs, mode, "write"),
                    medianOf(runs, mode, "write", Run::p50Ms), medianOf(runs, mode, "write", Run::p99Ms),
                    errors(runs, mode, "read") + errors(runs, mode, "write")));
        }
        List<String> suspect = runs.stream().filter(r -> r.inFlight() > 1.5 * CONNECTIONS)
                .map(r -> String.format(Locale.ROOT, "%s %s round %d (%.0f)", r.mode(), r.kind(), r.round(), r.inFlight()))
                .toList();
        if (!suspect.isEmpty()) {
            md.append(String.format(Locale.ROOT, "\nLatency check: throughput × mean latency should not exceed the %d "
                    + "connections (Little's law). It does in %s: wrk's latencies there are not self-consistent (most likely "
                    + "its own threads waiting for a CPU on a loaded machine), so their p99 is not to be trusted; the "
                    + "request counts stand.\n",
                    CONNECTIONS, String.join(", ", suspect)));
        }
        md.append("\n## Re-run\n\n");
        md.append("`sessions-bench/boot-bench.sh` (wrk and curl from Debian, PostgreSQL and Redis as for the tests; "
                + "ports 18100–18199). `BOOT_ROUNDS`, `BOOT_DURATION`, `BOOT_WARMUP`, `BOOT_SESSIONS`, `BOOT_BACKENDS`, "
                + "`BOOT_JAVA_OPTS` and `BOOT_DOCS` change the run (see the script's header); the servers' logs and "
                + "wrk's full output stay in `sessions-bench-boot/target/boot-bench/`. The application is "
                + "`sessions-bench-boot`; `mvn verify` checks each of its modes against the real services.\n");
        return md.toString();
    }

    private static void chart(Map<Pair, double[]> ratios, Path png) throws IOException {
        if (ratios.isEmpty()) {
            return;
        }
        CategoryChart chart = new CategoryChartBuilder().width(720).height(380)
                .title("Spring Boot per request: sessions4j ÷ Spring Session (req/s)")
                .yAxisTitle("ratio (1 = same)").build();
        CategoryStyler styler = chart.getStyler();
        styler.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        styler.setLegendPosition(Styler.LegendPosition.InsideNE);
        styler.setChartBackgroundColor(Color.WHITE);
        styler.setPlotBackgroundColor(Color.WHITE);
        styler.setPlotGridLinesColor(new Color(0xdddddd));
        chart.getStyler().setYAxisMin(0.0);
        List<String> labels = new ArrayList<>();
        List<Double> measured = new ArrayList<>();
        List<Double> targets = new ArrayList<>();
        ratios.forEach((pair, r) -> {
            labels.add(pair.label());
            measured.add(r[0]);
            targets.add(pair.target());
        });
        chart.addSeries("measured (median)", labels, measured).setFillColor(new Color(0x1f77b4));
        chart.addSeries("target", labels, targets).setFillColor(new Color(0xbbbbbb));
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static List<Run> select(List<Run> runs, String mode, String kind) {
        return runs.stream().filter(r -> r.mode().equals(mode) && r.kind().equals(kind)).toList();
    }

    private static double medianRps(List<Run> runs, String mode, String kind) {
        return medianOf(runs, mode, kind, Run::rps);
    }

    private static double medianOf(List<Run> runs, String mode, String kind, java.util.function.ToDoubleFunction<Run> f) {
        List<Double> values = select(runs, mode, kind).stream().map(f::applyAsDouble).toList();
        return values.isEmpty() ? Double.NaN : median(values);
    }

    private static long errors(List<Run> runs, String mode, String kind) {
        return select(runs, mode, kind).stream().mapToLong(Run::errors).sum();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(d -> d).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(d -> d).max().orElseThrow();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file).strip() : "n/a";
    }
}

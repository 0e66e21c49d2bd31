package io.sessions4j.bench.report;

import io.sessions4j.bench.BenchConfig;
import io.sessions4j.bench.RoundTripCounter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import redis.clients.jedis.Jedis;

/**
 * Writes {@code docs/benchmarks.md} and {@code docs/benchmarks.png} from one run's JMH results, round-trip
 * counts and environment record. Run by {@code run.sh}; the document says it is generated.
 *
 * <p>Usage: {@code BenchmarkReport <results dir> <markdown> <png> [analysis.md]}; the results directory
 * holds {@code jmh-t*.json}, {@code roundtrips.json}, {@code environment.properties} and
 * {@code bench-classpath.txt}.
 */
public final class BenchmarkReport {
    private static final Pattern JAR = Pattern.compile("([A-Za-z0-9_.\\-]+?)-(\\d[A-Za-z0-9_.\\-]*)\\.jar");
    private static final List<String> LIBRARIES = List.of("sessions-api", "jackson-databind", "HikariCP", "h2", "postgresql",
            "jedis", "ehcache", "spring-session-core", "spring-session-jdbc", "spring-session-data-redis", "spring-jdbc",
            "spring-data-redis", "jmh-core", "xchart");

    private final JmhResults results;
    private final RoundTripCounts roundTrips;
    private final Properties environment;
    private final Map<String, String> libraries;
    private final String analysis;
    private final Map<String, Measurement> codec;
    private final List<TargetResult> targets;
    private final MissedReasons reasons;
    private final Path markdownDir;
    private final Path includedDocs;
    private final StringBuilder out = new StringBuilder();

    private BenchmarkReport(JmhResults results, List<TargetResult> targets, RoundTripCounts roundTrips, Properties environment,
                            Map<String, String> libraries, String analysis, Map<String, Measurement> codec, Path markdownDir,
                            Path includedDocs) {
        this.results = results;
        this.targets = targets;
        this.reasons = MissedReasons.parse(analysis);
        this.markdownDir = markdownDir;
        this.includedDocs = includedDocs;
        this.codec = codec;
        this.roundTrips = roundTrips;
        this.environment = environment;
        this.libraries = libraries;
        this.analysis = analysis;
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 3) {
            System.err.println("usage: BenchmarkReport <results dir> <markdown> <png> [analysis.md] [dir of request/boot reports]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Path markdown = Path.of(args[1]).toAbsolutePath();
        Path png = Path.of(args[2]);
        String analysis = args.length > 3 && Files.exists(Path.of(args[3])) ? Files.readString(Path.of(args[3])) : "";
        Path includedDocs = args.length > 4 ? Path.of(args[4]).toAbsolutePath() : markdown.getParent();
        Properties environment = new Properties();
        Path envFile = dir.resolve("environment.properties");
        if (Files.exists(envFile)) {
            try (Reader reader = Files.newBufferedReader(envFile, StandardCharsets.UTF_8)) {
                environment.load(reader);
            }
        }
        Path classpath = dir.resolve("bench-classpath.txt");
        Map<String, String> libraries = Files.exists(classpath) ? libraries(Files.readString(classpath)) : Map.of();
        List<Sample> samples = JmhResults.readSamples(dir.resolve("samples.jsonl"));

        // The previous run's paired ratios, for the targets asking for two consecutive runs.
        Path historyFile = historyFile(markdown);
        RunHistory history = RunHistory.read(historyFile);
        String run = environment.getProperty("run.started", "?");
        List<TargetResult> targets = TargetResult.evaluate(samples, history, run);
        for (TargetResult t : targets) {
            PairedRatio r = t.ratio();
            history.record(t.target().id(), new RunHistory.Entry(run, environment.getProperty("git.commit", "?"), r.median(),
                    r.min(), r.max(), r.pairs()));
        }

        JmhResults results = JmhResults.fromSamples(samples);
        BenchmarkReport report = new BenchmarkReport(results, targets, RoundTripCounts.read(dir.resolve("roundtrips.json")),
                environment, libraries, analysis, JmhResults.averageTimes(dir.resolve("codec-breakdown.json")),
                markdown.getParent(), includedDocs);
        Files.createDirectories(markdown.getParent());
        Files.writeString(markdown, report.render(png.getFileName().toString()));
        history.write(historyFile);
        RatioChart.write(results, targets, png);
    }

    /** {@code benchmarks.md} keeps its run history in {@code benchmarks-runs.json} beside it. */
    static Path historyFile(Path markdown) {
        String name = markdown.getFileName().toString().replaceFirst("\\.md$", "");
        return markdown.resolveSibling(name + "-runs.json");
    }

    private String render(String pngName) {
        line("# Benchmarks");
        line();
        line("*Generated by `sessions-bench/run.sh` on " + env("run.started") + "; do not edit by hand (the text under "
                + "\"Why targets are missed\" and the reasons in the targets table come from `sessions-bench/analysis.md`).*");
        line();
        line("Every sessions4j engine, the physical floor of its storage, and Spring Session on the same backends, "
                + "measured in one run with JMH. Throughput in operations per second (higher is better), with JMH's 99.9% "
                + "confidence half-width; ratios are sessions4j ÷ the other (above 1 = sessions4j faster). Every ratio a "
                + "target names is measured side by side in paired rounds (the system and its reference one right after the "
                + "other, in their own warm JVMs, " + env("bench.rounds") + " rounds) and given as the median of the per-pair "
                + "ratios with their spread; see [What is measured](#what-is-measured).");
        line();
        load();
        line("![sessions4j ÷ floor and ÷ Spring Session](" + pngName + ")");
        line();
        targets();
        for (int threads : results.threadCounts()) {
            engineTable(threads);
        }
        allocationTable();
        othersTable();
        perRequest();
        roundTripTable();
        codecTable();
        if (!analysis.isBlank()) {
            line("## Why targets are missed, and what to do");
            line();
            out.append(analysis.strip()).append("\n\n");
        }
        method();
        machine();
        reproduce();
        return out.toString();
    }

    private void load() {
        line("> **Load.** This machine (" + env("cpu.count") + " cores): "
                + "load average " + env("load.before") + " before the benchmarks, " + env("load.after") + " after, highest "
                + "1-minute value sampled during the run " + env("load.max") + " (mean " + env("load.mean") + "). "
                + "Most of it is the run itself: its JMH JVMs beside the database and cache servers they load (a "
                + "4-thread measurement alone has more runnable threads than cores); whatever else ran adds to it. "
                + "With more runnable threads than cores, every absolute number here is low and noisy, 4-thread results "
                + "most of all. The targets' ratios are measured in pairs, back to back, so that load drifting between "
                + "rounds moves both sides of a pair; a pair still straddles whatever else the machine does "
                + "within those seconds, which is what the spread shows. Compare absolute numbers only within one run.");
        line();
    }

    private void targets() {
        long met = targets.stream().filter(TargetResult::met).count();
        line("## Targets (" + met + " of " + targets.size() + " met)");
        line();
        line("Each ratio is the median of " + env("bench.rounds") + " paired rounds (sessions4j ÷ reference, one pair per "
                + "round, the two measured back to back); \"spread\" is the smallest and largest per-pair ratio. \"previous "
                + "run\" is the same target's median in the run before this one (from `" + historyFileName() + "`); a target "
                + "marked \"2 runs\" is met only when this run and the previous one both reach it.");
        line();
        line("| target | engine | op | threads | ratio | spread | pairs | previous run | required | met | why missed |");
        line("|---|---|---|---:|---:|---:|---:|---:|---:|:---:|---|");
        for (TargetResult r : targets) {
            Target t = r.target();
            PairedRatio p = r.ratio();
            String previous = r.previous() == null ? "–" : ratio(r.previous().median()) + " (" + r.previous().run() + ")";
            String why = "";
            if (!r.met()) {
                String reason = reasons.reasonFor(t);
                why = reason != null ? reason : p.reaches(t.required()) ? "met in this run; needs the previous run too"
                        : "no measured reason yet in `sessions-bench/analysis.md`";
            }
            line("| " + t.goal() + (t.runsRequired() > 1 ? " (" + t.runsRequired() + " runs)" : "") + " | "
                    + Comparisons.label("sessions4j", t.engine()) + " | " + t.operation().toUpperCase(Locale.ROOT) + " | " + t.threads()
                    + " | " + ratio(p.median()) + " | " + ratio(p.min()) + "–" + ratio(p.max()) + " | " + p.pairs()
                    + (p.noisyPairs() > 0 ? " (" + p.noisyPairs() + " noisy)" : "") + " | " + previous + " | "
                    + ratio(t.required()) + " | " + (r.met() ? "yes" : "**no**") + " | " + why + " |");
        }
        line();
        line("The signed_cookies targets compare its CYCLE (a whole request: cookie in, `Set-Cookie` out) with Jackson + "
                + "HMAC doing the same WRITE. \"noisy\" pairs hold a sample whose JMH error stayed above a third of it after "
                + "re-measuring.");
        line();
    }

    private String historyFileName() {
        return historyFile(markdownDir.resolve("benchmarks.md")).getFileName().toString();
    }

    private void allocationTable() {
        List<Measurement> measured = results.all().stream().filter(m -> !Double.isNaN(m.alloc())).toList();
        if (measured.isEmpty()) {
            return;
        }
        line("## Allocation per operation");
        line();
        line("Bytes allocated per operation (JMH's GC profiler, `gc.alloc.rate.norm`, median of the samples), taken with "
                + "the throughput figures themselves: the profiler reads the JVM's allocation counters at iteration "
                + "boundaries only. It does not depend on the machine's load. READ above 4 KB per operation is marked ⚠ "
                + "(issue #20: halve it where it is).");
        line();
        List<Integer> threadCounts = results.threadCounts();
        StringBuilder header = new StringBuilder("| system | threads |");
        StringBuilder rule = new StringBuilder("|---|---:|");
        for (String op : Comparisons.OPERATIONS) {
            header.append(" ").append(op.toUpperCase(Locale.ROOT)).append(" B/op |");
            rule.append("---:|");
        }
        line(header.toString());
        line(rule.toString());
        List<String> systems = new ArrayList<>(Comparisons.LABELS.keySet());
        measured.stream().map(m -> m.family() + "/" + m.system()).distinct().filter(k -> !systems.contains(k)).forEach(systems::add);
        for (String key : systems) {
            String[] fs = key.split("/", 2);
            for (int threads : threadCounts) {
                List<String> cells = new ArrayList<>();
                boolean any = false;
                for (String op : Comparisons.OPERATIONS) {
                    Optional<Measurement> m = results.find(fs[0], fs[1], op, threads).filter(x -> !Double.isNaN(x.alloc()));
                    any |= m.isPresent();
                    cells.add(m.map(x -> String.format(Locale.ROOT, "%,.0f", x.alloc())
                            + (op.equals("read") && x.alloc() > 4096 ? " ⚠" : "")).orElse("–"));
                }
                if (any) {
                    line("| " + Comparisons.label(fs[0], fs[1]) + " | " + threads + " | " + String.join(" | ", cells) + " |");
                }
            }
        }
        line();
    }

    /** The request-level reports other scripts write, copied in so that this page has every figure. */
    private void perRequest() {
        List<String[]> sources = List.of(
                new String[] {"request-benchmarks.md", "sessions-bench/request-bench.sh"},
                new String[] {"boot-benchmarks.md", "the script named in that file"});
        List<String[]> present = sources.stream().filter(s -> Files.exists(includedDocs.resolve(s[0]))).toList();
        line("## Per request");
        line();
        if (present.isEmpty()) {
            line("No request-level report was found beside this one (`request-benchmarks.md`, `boot-benchmarks.md`); "
                    + "`sessions-bench/request-bench.sh` writes the first.");
            line();
            return;
        }
        line("Whole HTTP requests, measured by their own scripts (not in this run; each file states its own date and "
                + "load). Copied here between markers; the linked file is the source.");
        line();
        for (String[] source : present) {
            Path file = includedDocs.resolve(source[0]);
            String text;
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            String link = markdownDir.relativize(file).toString();
            line("### [" + source[0] + "](" + link + ")");
            line();
            line("<!-- copied from " + source[0] + " by BenchmarkReport; edit its generator, not this -->");
            for (String block : copiedBlocks(text)) {
                out.append(block).append("\n");
            }
            line("<!-- end of " + source[0] + " -->");
            line();
            line("Re-run: " + ("sessions-bench/request-bench.sh".equals(source[1]) ? "`" + source[1] + "`" : source[1])
                    + ", then `sessions-bench/run.sh` (or only `BenchmarkReport`) to copy the new figures here.");
            line();
        }
    }

    /**
     * What is copied from a request-level report: its tables, each with the paragraph before it (which
     * states how and under what load it was measured), without its own title.
     */
    static List<String> copiedBlocks(String markdown) {
        List<String> blocks = new ArrayList<>();
        List<String> paragraph = new ArrayList<>();
        List<String> table = new ArrayList<>();
        for (String line : (markdown + "\n").lines().toList()) {
            if (line.startsWith("|")) {
                table.add(line);
                continue;
            }
            if (!table.isEmpty()) {
                blocks.add((paragraph.isEmpty() ? "" : String.join("\n", paragraph).strip() + "\n\n") + String.join("\n", table) + "\n");
                table.clear();
                paragraph.clear();
            }
            if (line.isBlank()) {
                if (!paragraph.isEmpty() && !paragraph.get(paragraph.size() - 1).isEmpty()) {
                    paragraph.add("");
                }
                continue;
            }
            if (line.startsWith("# ")) {
                paragraph.clear();
            } else {
                if (line.startsWith("#")) {
                    paragraph.clear();
                }
                paragraph.add(line.startsWith("#") ? "#" + line : line);
            }
        }
        return blocks;
    }

    private void engineTable(int threads) {
        line("## sessions4j, " + threads + (threads == 1 ? " thread" : " threads"));
        line();
        line("| engine | op | sessions4j ops/s | floor | floor ops/s | ÷ floor | ÷ floor+codec | Spring Session | Spring ops/s | ÷ Spring |");
        line("|---|---|---:|---|---:|---:|---:|---|---:|---:|");
        for (String engine : Comparisons.FLOOR.keySet()) {
            for (String op : Comparisons.OPERATIONS) {
                Optional<Measurement> m = results.find("sessions4j", engine, op, threads);
                if (m.isEmpty()) {
                    continue;
                }
                String floorSystem = Comparisons.FLOOR.get(engine);
                Optional<Measurement> floor = results.find("floor", floorSystem, Comparisons.floorOperation(op), threads);
                String spring = Comparisons.SPRING.get(engine);
                Optional<Measurement> springM = spring == null || op.equals("cycle") ? Optional.empty()
                        : results.find("spring", spring, op, threads);
                String floorLabel = Comparisons.label("floor", floorSystem) + (op.equals("cycle") ? " (WRITE)" : "");
                String springLabel = springM.isEmpty() ? "" : Comparisons.label("spring", spring)
                        + (Comparisons.SPRING_BY_DATABASE.contains(engine) ? " *" : "");
                line("| " + Comparisons.label("sessions4j", engine) + " | " + op.toUpperCase(Locale.ROOT) + " | " + ops(m.get())
                        + " | " + floorLabel + " | " + floor.map(this::ops).orElse("–") + " | "
                        + Comparisons.floorRatio(results, engine, op, threads).map(BenchmarkReport::ratio).orElse("–") + " | "
                        + Comparisons.floorPlusCodecRatio(results, engine, op, threads).map(BenchmarkReport::ratio).orElse("–")
                        + " | " + springLabel + " | " + springM.map(this::ops).orElse("–") + " | "
                        + Comparisons.springRatio(results, engine, op, threads).map(BenchmarkReport::ratio).orElse("–") + " |");
            }
        }
        line();
        line("\\* Spring Session has no write-through engine: cached_db is shown against Spring Session JDBC on the same "
                + "database, for information (no target). \"÷ floor+codec\" compares with the floor's time plus the time of "
                + "Jackson + HMAC-SHA256 for the same operation (an estimate from two measurements): the least any store "
                + "that verifies and parses what it reads can cost.");
        line();
    }

    private void othersTable() {
        line("## Floors and Spring Session, every measurement");
        line();
        List<Integer> threadCounts = results.threadCounts();
        StringBuilder header = new StringBuilder("| system | op |");
        StringBuilder rule = new StringBuilder("|---|---|");
        for (int t : threadCounts) {
            header.append(" ").append(t).append(t == 1 ? " thread" : " threads").append(" ops/s |");
            rule.append("---:|");
        }
        line(header.toString());
        line(rule.toString());
        Map<String, List<Measurement>> bySystem = new LinkedHashMap<>();
        for (String family : List.of("floor", "spring")) {
            results.all().stream().filter(m -> m.family().equals(family))
                    .forEach(m -> bySystem.computeIfAbsent(family + "/" + m.system() + "/" + m.operation(), k -> new ArrayList<>()).add(m));
        }
        bySystem.values().stream()
                .sorted((a, b) -> order(a.get(0)) - order(b.get(0)))
                .forEach(list -> {
                    Measurement first = list.get(0);
                    StringBuilder row = new StringBuilder("| " + Comparisons.label(first) + " | "
                            + first.operation().toUpperCase(Locale.ROOT) + " |");
                    for (int t : threadCounts) {
                        row.append(" ").append(list.stream().filter(m -> m.threads() == t).findFirst().map(this::ops).orElse("–"))
                                .append(" |");
                    }
                    line(row.toString());
                });
        line();
    }

    private static int order(Measurement m) {
        List<String> keys = new ArrayList<>(Comparisons.LABELS.keySet());
        return keys.indexOf(m.family() + "/" + m.system()) * 10 + Comparisons.OPERATIONS.indexOf(m.operation());
    }

    private void roundTripTable() {
        List<RoundTripCounter.Count> counts = roundTrips.all();
        if (counts.isEmpty()) {
            return;
        }
        int ops = counts.get(0).operations();
        line("## Storage round trips per operation");
        line();
        line("Counted in the same run on one thread, over " + ops + " operations of each kind per system: SQL statements "
                + "through the testkit's `CountingDataSource` (each `execute*` call; a JDBC batch is one), JDBC transaction "
                + "calls (`setAutoCommit`/`commit`/`rollback`) beside them, and Redis commands as deltas of the server's "
                + "`INFO commandstats` (the smallest of three repetitions, since other clients share that Redis). "
                + "`INFO commandstats` also counts the `GET` and `SET` that sessions4j's compare-and-set script runs "
                + "inside Redis; \"round trips\" leaves those out (2 per `EVALSHA`). In-process engines (Ehcache, file, "
                + "signed cookies) have no network round trip at all.");
        line();
        line("| system | op | SQL statements | JDBC tx calls | Redis commands (commandstats) | round trips |");
        line("|---|---|---:|---:|---|---:|");
        for (RoundTripCounter.Count c : counts) {
            String redis = c.redisCommands().entrySet().stream()
                    .map(e -> e.getKey().toUpperCase(Locale.ROOT) + " " + count(e.getValue()))
                    .collect(Collectors.joining(", "));
            line("| " + Comparisons.label(c.family(), c.system()) + " | " + c.operation().toUpperCase(Locale.ROOT) + " | "
                    + count(c.statements()) + " | " + count(c.transactionCalls()) + " | " + (redis.isEmpty() ? "–" : redis)
                    + " | " + count(RoundTripCounts.roundTrips(c)) + " |");
        }
        line();
        line("Spring Session JDBC runs each `findById` and each `save` in its own transaction "
                + "(`setAutoCommit(false)`, `commit`, `setAutoCommit(true)`: three calls, of which the `COMMIT` is one more "
                + "round trip on PostgreSQL); sessions4j's statements are auto-committed.");
        line();
    }

    private static final Map<String, String> CODEC_STEPS = new LinkedHashMap<>();

    static {
        CODEC_STEPS.put("codecEncode", "`SessionCodec.encode` as engines are configured by default "
                + "(`sessions.signing.compress_min_bytes=1024`: this payload is not compressed) — every save");
        CODEC_STEPS.put("codecDecode", "`SessionCodec.decode` of that value — every load");
        CODEC_STEPS.put("codecEncodeCompressed", "`SessionCodec.encode` with `compress_min_bytes=0`: zlib whenever it "
                + "shrinks the value, as Django does");
        CODEC_STEPS.put("codecDecodeCompressed", "`SessionCodec.decode` of a compressed value");
        CODEC_STEPS.put("jacksonSerialize", "Jackson, serialize the payload");
        CODEC_STEPS.put("jacksonDeserialize", "Jackson, parse the payload");
        CODEC_STEPS.put("signUncompressed", "base64 + timestamp + HMAC-SHA256 (`SignedPayload.dumps(json, false, now)`)");
        CODEC_STEPS.put("deflateFreshDeflater", "zlib level 6, a new `Deflater` per call (as `SignedPayload` does)");
        CODEC_STEPS.put("deflateReusedDeflater", "zlib level 6, one `Deflater` per thread, `reset()` between calls");
        CODEC_STEPS.put("deflateBestSpeed", "zlib level 1, one `Deflater` per thread");
        CODEC_STEPS.put("inflateFreshInflater", "inflate, a new `Inflater` per call (as `SignedPayload` does)");
        CODEC_STEPS.put("cookieWellFormed", "signed_cookies: shape check of the incoming cookie (`engine.open`)");
        CODEC_STEPS.put("setCookieHeader", "the `Set-Cookie` header (`SessionCookie.set`, HTTP date)");
    }

    private void codecTable() {
        if (codec.isEmpty()) {
            return;
        }
        line("## Where the codec's time goes");
        line();
        line("`CodecBreakdownBenchmark` in the same run (one fork per line, 1 thread, average time per call) on the "
                + "benchmark's payload (" + env("payload.bytes") + " bytes of JSON):");
        line();
        line("| step | µs per call |");
        line("|---|---:|");
        CODEC_STEPS.forEach((method, text) -> {
            Measurement m = codec.get(method);
            if (m != null) {
                line("| " + text + " | " + String.format(Locale.ROOT, "%.2f ± %.2f", m.score(), m.error()) + " |");
            }
        });
        line();
    }

    private void method() {
        line("## What is measured");
        line();
        line("Workload, the same for every system: " + String.format(Locale.ROOT, "%,d", BenchConfig.DEFAULT_SESSIONS)
                + " preloaded sessions of 10 keys (about 500 bytes as JSON: user id, username, login flag, 32-character "
                + "token, a cart of 5 small maps, a timestamp, locale, theme, two short strings); each operation picks a "
                + "random preloaded session and hands the system its key as a server hands it to a request: a String of "
                + "its own, made from bytes, whose hash is not computed yet (since 2026-12-01 19:00; before, every system "
                + "got the very String it had stored, which a hash map such as Ehcache's matches by identity without "
                + "reading a character — no request's lookup can).");
        line();
        line("- **READ**: open an existing session and read 2 keys (a read-only request).");
        line("- **WRITE**: open an existing session, change 1 key (`last_seen`), save.");
        line("- **CREATE**: a new session with the whole payload, saved.");
        line("- **CYCLE** (sessions4j only): WRITE as a full request through `SessionLifecycle`: the cookie in, "
                + "`open`, `put`, `finish` (save and `Set-Cookie` out).");
        line();
        line("How a run is organised (`BenchRun`, issue #20 \"Honest numbers\"):");
        line();
        line("- **Warm JVMs, one per system.** Each system runs in a JVM of its own (`BenchLauncher --serve`): opened and "
                + "preloaded once, warmed up on a mix of its operations (see Warm-up), then it takes one "
                + "JMH measurement (`forks = 0`, in that JVM) per command and idles in between. A fresh fork per measurement "
                + "would spend 4–6 s compiling H2, Jackson and the codec each time on this machine; one JVM per system still "
                + "keeps each system's JIT profile away from the others'. Every such JVM has a 2 GB heap touched at start "
                + "(`-XX:+AlwaysPreTouch`): otherwise the first pass over the heap pays a page fault per 4 KB, about 0.3 µs "
                + "per KB allocated, which charges a system that allocates more (12.7 against 3.3 KB per Redis write) "
                + "according to how long its JVM has run rather than to what it does (issue #20).");
        line("- **Sessions in use.** The engines over a database, Redis or files remember the records they verified, "
                + "the signed cookie the cookies it verified (`sessions.verified_records`, issue #20), and the in-process "
                + "cache keeps decodes beside its entries: the benchmark sizes that memo to hold all its sessions (four "
                + "entries per session, as the Ehcache heap is sized to them) and reads every preloaded session twice when "
                + "it opens the engine, as a node that has served them; at the default 1,024 entries a node with 10,000 "
                + "sessions read at random decodes every read, as before the memo. A signed-cookie WRITE or CYCLE sends "
                + "the cookie the previous one set, which no read has verified: it decodes every time.");
        line("- **Paired rounds.** Systems that are compared (an engine, its floor, its Spring Session counterpart) are "
                + "open at the same time, and every ratio a target names is measured as pairs: the engine, then its "
                + "references right after it (in reverse order every other round, so that a steady drift of the load "
                + "cancels), " + env("bench.rounds") + " rounds. The targets table gives the median of the per-pair ratios and "
                + "their range. Figures in the other tables are the median of their samples (one sample for what no target "
                + "names: CREATE, most CYCLEs, the codec floors), and their ratios are ratios of those medians.");
        line("- **Re-measure rule.** A measurement whose JMH error (99.9% half-width) exceeds a third of itself is "
                + "measured again at once with twice the iterations, at most " + env("bench.retries") + " times and while the "
                + "run's re-measuring budget (" + env("bench.retry.budget") + " s in all) lasts; the attempt with the smallest "
                + "relative error is kept, and one still above the limit is flagged ⚠ noisy with its error.");
        line("- **Allocation** comes from JMH's GC profiler in the same measurements (bytes per operation). The profiler "
                + "reads the JVM's allocation counters at iteration boundaries, not per operation; `BenchLauncher`'s command "
                + "mode measures without it (`run <op> <threads> 0 nogc`) to check that it leaves throughput alone.");
        line("- **Warm-up** of each system JVM is counted in CPU time of its two warm-up threads (" + env("bench.warmup")
                + " s each, at most three times that in wall-clock time), so that a loaded machine does not shorten it.");
        line("- Every system keeps its data across its measurements, so reads after CREATE see more sessions than the "
                + "preloaded ones.");
        line();
        line("Systems:");
        line();
        line("- **sessions4j** engines through their public API (`engine.open(key)`, `get`/`put`, `save()`), "
                + "each in Django's stored format with default settings (JSON, base64, timestamp, HMAC-SHA256; zlib only "
                + "from `sessions.signing.compress_min_bytes`, 1024 bytes, so not for this payload). db and cached_db get the "
                + "benchmark's HikariCP pool (10 connections) as application DataSource; Redis engines use their own pool "
                + "of 8; Ehcache is heap-only and large enough to hold every session; the file engine writes to a "
                + "directory under `java.io.tmpdir`.");
        line("- **Floors**: the same storage driven directly, with no encoding, signing or compare-and-set. Raw JDBC on a "
                + "table of the db engine's shape (READ one `SELECT` by key; WRITE `SELECT` + `UPDATE`; CREATE one "
                + "`INSERT`), raw Jedis (`GET`; `GET` + `SET PX`; `SET NX PX`), raw Ehcache (`get`; `get` + `put`; "
                + "`putIfAbsent`), cached_db's least work (a cache hit; cache `GET` + `UPDATE` + cache `SET`; `INSERT` + "
                + "cache `SET`), plain files (read; read + temporary file + atomic move), and the bare CPU cost of "
                + "Jackson and HMAC-SHA256 over the payload's JSON (READ: verify + parse; WRITE: verify, parse, change, "
                + "serialize, sign; CREATE: serialize + sign).");
        line("- **Spring Session** " + lib("spring-session-core") + " with its defaults (Java serialization of attributes): "
                + "`JdbcIndexedSessionRepository` on the same H2 and PostgreSQL (its own schema, one row per attribute, "
                + "`REQUIRES_NEW` transactions as `@EnableJdbcHttpSession` sets up) and `RedisSessionRepository` on the same "
                + "Redis (Jedis, pool of 8). Each operation does what `SessionRepositoryFilter` does for a request: "
                + "`findById`, `setLastAccessedTime(now)`, the reads or the write, then `save` — so a Spring Session READ "
                + "also writes the access time, which is what a read-only request costs there (sessions4j, like Django, "
                + "does not write on a read).");
        line();
    }

    private void machine() {
        line("## Machine and versions");
        line();
        line("| | |");
        line("|---|---|");
        line("| CPU | " + env("cpu.model") + ", " + env("cpu.count") + " cores |");
        line("| memory | " + env("memory") + " |");
        line("| OS | " + env("os") + " (kernel " + env("kernel") + ") |");
        line("| JVM | " + System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version") + " (JDK "
                + System.getProperty("java.version") + "), `" + env("bench.jvm") + "` per system, default GC (G1) |");
        line("| PostgreSQL | " + postgresVersion() + " at 127.0.0.1:5432, default configuration (`synchronous_commit=on`) |");
        line("| Redis | " + redisVersion() + " at 127.0.0.1:6379 |");
        if (environment.containsKey("valkey")) {
            line("| Valkey | " + env("valkey") + " (the `cache (Valkey)` rows: saves by `SET … IFEQ`) |");
        }
        line("| H2 | " + lib("h2") + ", in memory, in the benchmark JVM |");
        line("| libraries | " + LIBRARIES.stream().filter(libraries::containsKey).map(l -> l + " " + libraries.get(l))
                .collect(Collectors.joining(", ")) + " |");
        line("| JMH | " + org.openjdk.jmh.util.Version.getPlainVersion() + "; one JVM per system, " + env("bench.warmup")
                + " s of CPU time per warm-up thread on a mix of its operations, then per measurement `" + env("bench.jmh") + "` (`-i` doubled on "
                + "each re-measurement, at most " + env("bench.retries") + " times) with `-prof gc`, " + env("bench.rounds")
                + " paired rounds, threads " + results.threadCounts() + " |");
        line("| build | " + env("bench.build") + " |");
        line("| run | started " + env("run.started") + ", " + env("run.elapsed") + " for the whole of `run.sh` up to this report"
                + (environment.containsKey("git.commit") ? ", commit " + env("git.commit") : "") + " |");
        line();
    }

    private void reproduce() {
        line("## How to reproduce");
        line();
        line("```sh");
        line("# PostgreSQL on 127.0.0.1:5432 (database test, user postgres) and Redis on 127.0.0.1:6379, or set");
        line("# SESSIONS_TEST_PG_URL / SESSIONS_TEST_REDIS_URL as for the engine tests. With valkey-server 8.1 or later");
        line("# (bash .ci/valkey builds one) it also runs the cache engine and the Jedis floor on a Valkey of its own.");
        line("sessions-bench/run.sh                 # builds (reactor, nothing installed), runs everything (~25 min on 2 cores)");
        line("# fewer systems (the report then has gaps), or a quick run with fewer rounds and shorter measurements:");
        line("BENCH_SYSTEMS='sessions4j/db_postgresql|floor/jdbc_postgresql|spring/jdbc_postgresql' sessions-bench/run.sh");
        line("BENCH_ROUNDS=2 BENCH_JMH_OPTS='-wi 1 -w 100ms -i 3 -r 100ms' BENCH_WARMUP=1 BENCH_EXTRAS= \\");
        line("    BENCH_DOCS=sessions-bench/target/quick sessions-bench/run.sh");
        line("# the codec profile alone:");
        line("java -cp sessions-bench/target/classes:$(cat sessions-bench/target/bench-classpath.txt) org.openjdk.jmh.Main CodecBreakdownBenchmark");
        line("```");
        line();
        line("The build (`mvn verify`) compiles the module and runs the report's unit tests. `run.sh` writes the samples "
                + "(`samples.jsonl`), each system's JMH log, the codec profile, the round-trip counts and the environment record "
                + "to `sessions-bench/target/bench/`, then runs `io.sessions4j.bench.report.BenchmarkReport` to write "
                + "`docs/benchmarks.md`, `docs/benchmarks.png` and the run history `docs/benchmarks-runs.json` (this run's and "
                + "the previous run's paired ratio of each target; commit it with the report). "
                + "Tables and keys it creates are prefixed `s4j_bench_` / `s4j-bench:` and removed afterwards.");
        line();
    }

    // --- helpers -------------------------------------------------------------------------------

    /** Score ± error; a figure that stayed noisy after re-measuring is flagged, with its error kept. */
    private String ops(Measurement m) {
        String score = String.format(Locale.ROOT, "%,.0f", m.score());
        String text = Double.isNaN(m.error()) ? score : score + " ± " + String.format(Locale.ROOT, "%,.0f", m.error());
        return m.noisy() ? text + " ⚠ noisy" : text;
    }

    private static String ratio(double r) {
        return String.format(Locale.ROOT, r >= 10 ? "%.1f" : "%.2f", r);
    }

    private static String count(double value) {
        return Math.abs(value - Math.rint(value)) < 0.005 ? String.format(Locale.ROOT, "%.0f", value)
                : String.format(Locale.ROOT, "%.2f", value);
    }

    private String env(String key) {
        return environment.getProperty(key, "?");
    }

    private String lib(String name) {
        return libraries.getOrDefault(name, "?");
    }

    private static Map<String, String> libraries(String classpath) {
        Map<String, String> versions = new TreeMap<>();
        for (String entry : classpath.split(java.io.File.pathSeparator)) {
            String file = Path.of(entry.strip()).getFileName().toString();
            Matcher m = JAR.matcher(file);
            if (m.matches()) {
                versions.put(m.group(1), m.group(2));
            }
        }
        return versions;
    }

    private static String postgresVersion() {
        try (Connection c = DriverManager.getConnection(BenchConfig.postgresUrl()); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW server_version")) {
            rs.next();
            return "PostgreSQL " + rs.getString(1);
        } catch (Exception e) {
            return "PostgreSQL (version unknown: " + e.getMessage() + ")";
        }
    }

    private static String redisVersion() {
        try (Jedis jedis = new Jedis(BenchConfig.redisHost(), BenchConfig.redisPort())) {
            return jedis.info("server").lines().filter(l -> l.startsWith("redis_version:"))
                    .map(l -> "Redis " + l.substring("redis_version:".length()).strip()).findFirst().orElse("Redis");
        } catch (Exception e) {
            return "Redis (version unknown: " + e.getMessage() + ")";
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }
}

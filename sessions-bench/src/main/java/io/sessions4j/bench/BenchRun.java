package io.sessions4j.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sessions4j.bench.report.Comparisons;
import io.sessions4j.bench.report.RemeasureRule;
import io.sessions4j.bench.report.Sample;
import io.sessions4j.bench.report.Target;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * The whole JMH part of a run, in paired rounds (issue #20, "Honest numbers").
 *
 * <p>Systems that are compared form a group: a sessions4j engine, its floor and its Spring Session
 * counterpart. Each member of a group runs in a long-lived JVM of its own ({@link BenchLauncher#serve}),
 * opened, preloaded and warmed once; this driver then asks them in turn for one JMH measurement each —
 * the engine, then its references, in reverse order every other round — so that each ratio a target names
 * is measured as pairs taken back to back on the same warm JVMs, {@code bench.rounds} times. A JVM is idle
 * while another measures. Operations no target names (CREATE, most CYCLEs, the floors without an engine)
 * are measured once, in the first round. A measurement that breaks {@link RemeasureRule} is measured again
 * with more iterations right away, so that it stays next to its partner, while the run's re-measuring budget
 * ({@code bench.retry.budget.seconds}, default 240, shared among the groups by their number of measurements)
 * lasts; after that noisy figures are flagged as they are.
 *
 * <p>Usage: {@code BenchRun <output dir>}; appends one {@link Sample} per line to
 * {@code <output dir>/samples.jsonl} and each JVM's output to {@code <output dir>/logs/}. System
 * properties: {@code bench.systems} (regexp of {@code family/system}, default all), {@code bench.operations}
 * (regexp, default {@code read|write|create|cycle}), {@code bench.threads} ({@code 1,4}), {@code bench.rounds}
 * (5), {@code bench.retries} (2), {@code bench.jmh} (JMH options of one measurement), {@code bench.child.jvm}
 * (options of each system's JVM); {@code bench.sessions}, {@code bench.warmup.seconds} and {@code bench.run}
 * are passed on to the systems' JVMs.
 */
public final class BenchRun {
    private static final List<String> ENGINE_OPERATIONS = List.of("read", "write", "create", "cycle");
    private static final List<String> OTHER_OPERATIONS = List.of("read", "write", "create");

    private final Path out;
    private final String operations;
    private final List<Integer> threadCounts;
    private final int rounds;
    private final RemeasureRule rule;
    private final String[] jmhArgs;
    private final int baseIterations;
    private final List<String> childJvm;
    /** Wall-clock time all re-measurements together may take, so that a loaded machine cannot stretch a run without end. */
    private final long retryBudgetNanos;
    /** The current group's share of that budget (by its number of measurements), so that early groups cannot use it all. */
    private long groupRetryBudgetNanos;
    private long retrySpentNanos;
    private final ObjectMapper json = new ObjectMapper();

    private BenchRun(Path out) {
        this.out = out;
        this.operations = System.getProperty("bench.operations", "read|write|create|cycle");
        this.threadCounts = Arrays.stream(System.getProperty("bench.threads", "1,4").split("[, ]+"))
                .filter(s -> !s.isBlank()).map(Integer::parseInt).toList();
        this.rounds = Integer.getInteger("bench.rounds", 5);
        this.rule = new RemeasureRule(Integer.getInteger("bench.retries", 2));
        this.jmhArgs = words(System.getProperty("bench.jmh", "-wi 1 -w 300ms -i 5 -r 300ms"));
        try {
            this.baseIterations = new CommandLineOptions(jmhArgs).getMeasurementIterations().orElse(5);
        } catch (Exception e) {
            throw new IllegalArgumentException("bad JMH options in bench.jmh: " + e.getMessage(), e);
        }
        this.childJvm = List.of(words(System.getProperty("bench.child.jvm", "-Xms2g -Xmx2g -XX:+AlwaysPreTouch")));
        this.retryBudgetNanos = TimeUnit.SECONDS.toNanos(Long.getLong("bench.retry.budget.seconds", 240));
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            System.err.println("usage: BenchRun <output dir> | BenchRun --plan");
            System.exit(2);
        }
        boolean planOnly = args[0].equals("--plan");
        Path out = Path.of(planOnly ? System.getProperty("java.io.tmpdir") : args[0]);
        Files.createDirectories(out.resolve("logs"));
        String selected = System.getProperty("bench.systems", ".*");
        List<String[]> systems = Systems.all().stream().filter(s -> (s[0] + "/" + s[1]).matches(selected)).toList();
        if (systems.isEmpty()) {
            System.err.println("no system matches bench.systems='" + selected + "'");
            System.exit(2);
        }
        BenchRun run = new BenchRun(out);
        if (planOnly) {
            run.printPlan(groups(systems));
            return;
        }
        List<List<String[]>> groups = groups(systems);
        int total = groups.stream().mapToInt(run::measurements).sum();
        for (List<String[]> group : groups) {
            run.groupRetryBudgetNanos = run.retryBudgetNanos * run.measurements(group) / Math.max(1, total);
            run.retrySpentNanos = 0;
            run.runGroup(group);
        }
    }

    /**
     * The selected systems in groups of those compared with each other: each sessions4j engine with its
     * floor and its Spring Session counterpart (when selected), every other system on its own.
     */
    static List<List<String[]>> groups(List<String[]> systems) {
        List<List<String[]>> groups = new ArrayList<>();
        List<String> placed = new ArrayList<>();
        for (String[] s : systems) {
            if (!s[0].equals("sessions4j")) {
                continue;
            }
            List<String[]> group = new ArrayList<>();
            group.add(s);
            placed.add(key(s));
            for (String[] other : systems) {
                boolean reference = Target.ALL.stream().anyMatch(t -> t.engine().equals(s[1])
                        && t.refFamily().equals(other[0]) && t.refSystem().equals(other[1]))
                        || other[0].equals("floor") && other[1].equals(Comparisons.floorOf(s[1]));
                if (reference && !placed.contains(key(other))) {
                    group.add(other);
                    placed.add(key(other));
                }
            }
            groups.add(group);
        }
        for (String[] s : systems) {
            if (!placed.contains(key(s))) {
                groups.add(List.<String[]>of(s));
            }
        }
        return groups;
    }

    private static String key(String[] system) {
        return system[0] + "/" + system[1];
    }

    /** One engine operation and what is measured beside it. */
    private record Step(int threads, String slot, List<Entry> entries, boolean paired) {
    }

    private record Entry(String family, String system, String operation) {
    }

    /** The steps of a group at one thread count, in order: each engine operation beside its references. */
    private List<Step> steps(List<String[]> group, int threads) {
        List<Step> steps = new ArrayList<>();
        List<String> covered = new ArrayList<>();
        String[] first = group.get(0);
        if (first[0].equals("sessions4j")) {
            for (String op : operationsOf(first[0])) {
                List<Entry> entries = new ArrayList<>(List.of(new Entry(first[0], first[1], op)));
                boolean paired = false;
                for (String[] ref : group.subList(1, group.size())) {
                    String refOp = op.equals("cycle") ? "write" : op;
                    boolean target = Target.ALL.stream().anyMatch(t -> t.engine().equals(first[1]) && t.operation().equals(op)
                            && t.threads() == threads && t.refFamily().equals(ref[0]) && t.refSystem().equals(ref[1]));
                    // A cycle is compared with the floor's WRITE, measured beside it only where a target needs the pair.
                    if (operationsOf(ref[0]).contains(refOp) && (!op.equals("cycle") || target)) {
                        entries.add(new Entry(ref[0], ref[1], refOp));
                        covered.add(ref[0] + "/" + ref[1] + "/" + refOp);
                    }
                    paired |= target;
                }
                steps.add(new Step(threads, op, entries, paired));
            }
        }
        for (String[] member : group) {
            if (member[0].equals("sessions4j")) {
                continue;
            }
            for (String op : operationsOf(member[0])) {
                if (!covered.contains(member[0] + "/" + member[1] + "/" + op)) {
                    steps.add(new Step(threads, op, List.of(new Entry(member[0], member[1], op)), false));
                }
            }
        }
        return steps;
    }

    private List<String> operationsOf(String family) {
        return (family.equals("sessions4j") ? ENGINE_OPERATIONS : OTHER_OPERATIONS).stream()
                .filter(op -> op.matches(operations)).toList();
    }

    /** Prints how many measurements each group takes (before re-measurements), to size a run. */
    private void printPlan(List<List<String[]>> groups) {
        int total = 0;
        for (List<String[]> group : groups) {
            int count = measurements(group);
            total += count;
            System.out.println(group.stream().map(BenchRun::key).toList() + ": " + count + " measurements");
        }
        System.out.println("total: " + total + " measurements in " + groups.size() + " groups (JVMs: "
                + groups.stream().mapToInt(List::size).sum() + ")");
    }

    /** How many measurements a group takes, before re-measurements. */
    private int measurements(List<String[]> group) {
        int count = 0;
        for (int threads : threadCounts) {
            for (Step step : steps(group, threads)) {
                count += step.entries().size() * (step.paired() ? rounds : 1);
            }
        }
        return count;
    }

    private void runGroup(List<String[]> group) throws IOException, InterruptedException {
        Map<String, Jvm> jvms = new LinkedHashMap<>();
        try {
            for (String[] member : group) {
                jvms.put(key(member), Jvm.start(member[0], member[1], childJvm, jmhArgs, out.resolve("logs")));
            }
            for (int round = 1; round <= rounds; round++) {
                for (int threads : threadCounts) {
                    for (Step step : steps(group, threads)) {
                        if (!step.paired() && (round > 1 || addsSessions(step))) {
                            continue;
                        }
                        runStep(jvms, group, step, round);
                    }
                }
            }
            // Last, what adds a session per operation: a CREATE measured before the others grew the stores by
            // hundreds of thousands of sessions (more when re-measured), which filled a 2 GB heap with an in-process
            // cache's entries and left every later figure of that JVM measuring full GCs (2026-11-30).
            for (int threads : threadCounts) {
                for (Step step : steps(group, threads)) {
                    if (addsSessions(step) && !step.paired()) {
                        runStep(jvms, group, step, 1);
                    }
                }
            }
        } finally {
            for (Jvm jvm : jvms.values()) {
                jvm.stop();
            }
        }
    }

    private static boolean addsSessions(Step step) {
        return step.slot().equals("create");
    }

    /** Measures the systems of one step back to back (in reverse order every other round) and prints the line. */
    private void runStep(Map<String, Jvm> jvms, List<String[]> group, Step step, int round) throws IOException {
        List<Entry> order = new ArrayList<>(step.entries());
        if (round % 2 == 0) {
            java.util.Collections.reverse(order); // ABBA: a steady drift of the load cancels out
        }
        StringBuilder progress = new StringBuilder(String.format(Locale.ROOT, "%-34s t%d r%d %-6s",
                key(group.get(0)), step.threads(), round, step.slot()));
        for (Entry entry : order) {
            Sample s = measure(jvms.get(entry.family() + "/" + entry.system()), entry, step.threads(), step.slot(), round);
            append(s);
            progress.append(String.format(Locale.ROOT, " | %s/%s %s %,.0f ± %,.0f%s", entry.family(), entry.system(),
                    entry.operation(), s.score(), s.error(), s.noisy() ? " NOISY" : s.attempts() > 1 ? " (re-measured)" : ""));
        }
        System.out.println(progress + "  [load " + Files.readString(Path.of("/proc/loadavg")).split(" ")[0] + "]");
    }

    /** One measurement, re-measured with more iterations while {@link RemeasureRule} asks for it. */
    private Sample measure(Jvm jvm, Entry entry, int threads, String slot, int round) throws IOException {
        int iterations = baseIterations;
        Sample best = null;
        for (int attempt = 1; ; attempt++) {
            long started = System.nanoTime();
            JsonNode reply = jvm.run(entry.operation(), threads, iterations);
            if (attempt > 1) {
                retrySpentNanos += System.nanoTime() - started;
            }
            double score = number(reply.get("score"));
            double error = number(reply.get("error"));
            Sample s = new Sample(entry.family(), entry.system(), entry.operation(), threads, slot, round, score, error,
                    number(reply.get("alloc")), reply.path("iterations").asInt(iterations), attempt,
                    RemeasureRule.noisy(score, error));
            if (best == null || RemeasureRule.relativeError(score, error) < RemeasureRule.relativeError(best.score(), best.error())) {
                best = s;
            }
            int next = retrySpentNanos < groupRetryBudgetNanos ? rule.nextIterations(attempt, iterations, score, error) : 0;
            if (next == 0) {
                return new Sample(best.family(), best.system(), best.operation(), threads, slot, round, best.score(), best.error(),
                        best.alloc(), best.iterations(), attempt, best.noisy());
            }
            iterations = next;
        }
    }

    private void append(Sample sample) throws IOException {
        Files.writeString(out.resolve("samples.jsonl"), json.writeValueAsString(sample) + "\n", StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }

    private static double number(JsonNode node) {
        if (node == null || node.isNull()) {
            return Double.NaN;
        }
        return node.isNumber() ? node.asDouble() : Double.parseDouble(node.asText());
    }

    private static String[] words(String text) {
        return text.isBlank() ? new String[0] : text.strip().split("\\s+");
    }

    /** One system's JVM in command mode. */
    private static final class Jvm {
        private final String name;
        private final Process process;
        private final BufferedReader replies;
        private final Writer commands;
        private final Path log;

        private Jvm(String name, Process process, Path log) {
            this.name = name;
            this.process = process;
            this.log = log;
            this.replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.commands = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        }

        static Jvm start(String family, String system, List<String> jvmOptions, String[] jmhArgs, Path logs) throws IOException {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            for (String property : List.of("bench.sessions", "bench.warmup.seconds", "bench.run", "bench.prefix",
                    "org.slf4j.simpleLogger.defaultLogLevel")) {
                String value = System.getProperty(property);
                if (value != null) {
                    command.add("-D" + property + "=" + value);
                }
            }
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchLauncher.class.getName(), "--serve", family, system));
            command.addAll(List.of(jmhArgs));
            Path log = logs.resolve(family + "-" + system + ".log");
            Process process = new ProcessBuilder(command)
                    .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            Jvm jvm = new Jvm(family + "/" + system, process, log);
            String ready = jvm.reply();
            if (!ready.startsWith("ready")) {
                throw new IllegalStateException(jvm.name + " did not start: " + ready + "; see " + log);
            }
            System.out.println("== " + ready);
            return jvm;
        }

        JsonNode run(String operation, int threads, int iterations) throws IOException {
            commands.write("run " + operation + " " + threads + " " + iterations + "\n");
            commands.flush();
            String reply = reply();
            if (!reply.startsWith("result ")) {
                throw new IllegalStateException(name + " " + operation + " t" + threads + ": " + reply + "; see " + log);
            }
            return new ObjectMapper().readTree(reply.substring("result ".length()));
        }

        /** The next protocol line; JMH's own output goes to the log. */
        private String reply() throws IOException {
            try (Writer logWriter = Files.newBufferedWriter(log, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND)) {
                for (String line = replies.readLine(); line != null; line = replies.readLine()) {
                    if (line.startsWith(BenchLauncher.REPLY)) {
                        return line.substring(BenchLauncher.REPLY.length());
                    }
                    logWriter.write(line);
                    logWriter.write('\n');
                }
            }
            throw new IllegalStateException(name + " ended unexpectedly (exit " + waitFor() + "); see " + log);
        }

        private int waitFor() {
            try {
                return process.waitFor(10, TimeUnit.SECONDS) ? process.exitValue() : -1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        void stop() {
            try {
                commands.write("quit\n");
                commands.flush();
                commands.close();
            } catch (IOException | UncheckedIOException ignored) {
                // already gone
            }
            try {
                reply();
            } catch (Exception ignored) {
                // the end of its output is the expected way out: it copies the rest to the log
            }
            if (waitFor() < 0) {
                process.destroy(); // our own child, by its handle
            }
        }
    }
}

package io.sessions4j.bench;

import io.sessions4j.bench.system.BenchSystem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs every benchmark of one system in this JVM: opens and preloads the system once, warms the JIT
 * up on a mix of its operations, then runs JMH in this JVM ({@code forks = 0}) for each thread count.
 *
 * <p>Why not one JMH fork per benchmark: the matrix has 142 benchmarks, and on this project's 2-core
 * machines a fresh JVM needs 4–6 s before H2, Jackson and the codec are compiled (measured: the raw H2
 * floor climbs from 92k to 415k ops/s over its first 6 s). 142 such forks do not fit the 15-minute
 * budget; one JVM per system keeps what forking is for — no system's profile pollutes another's —
 * and pays the JVM start, the preload and the warm-up 21 times instead of 142.
 *
 * <p>Usage: {@code BenchLauncher --list} prints every {@code family system}; {@code BenchLauncher
 * <family> <system> <output dir> [JMH options]} writes {@code jmh-<family>-<system>-t<threads>.json};
 * {@code BenchLauncher --serve <family> <system> [JMH options]} opens and warms the system, then takes
 * one measurement per command on standard input (see {@link #serve}), which is how {@link BenchRun}
 * alternates two or three warm JVMs in paired rounds.
 * System properties: {@code bench.threads} (default {@code 1,4}), {@code bench.warmup.seconds}
 * (default 4), {@code bench.operations} (a regexp of method names, default all), {@code bench.sessions}.
 */
public final class BenchLauncher {
    private BenchLauncher() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && args[0].equals("--list")) {
            Systems.all().forEach(s -> System.out.println(s[0] + " " + s[1]));
            return;
        }
        if (args.length >= 3 && args[0].equals("--serve")) {
            serve(args[1], args[2], Arrays.copyOfRange(args, 3, args.length));
            return;
        }
        if (args.length < 3) {
            System.err.println("usage: BenchLauncher --list | --serve <family> <system> [JMH options]"
                    + " | <family> <system> <output dir> [JMH options]");
            System.exit(2);
        }
        String family = args[0];
        String system = args[1];
        Path out = Path.of(args[2]);
        Files.createDirectories(out);
        Options cli = new CommandLineOptions(Arrays.copyOfRange(args, 3, args.length));
        List<Integer> threadCounts = Arrays.stream(System.getProperty("bench.threads", "1,4").split(","))
                .map(String::strip).map(Integer::parseInt).toList();
        double warmUpSeconds = Double.parseDouble(System.getProperty("bench.warmup.seconds", "4"));
        String operations = System.getProperty("bench.operations", "read|write|create|cycle");
        Class<?> benchmark = Systems.FAMILIES.get(family);
        if (benchmark == null) {
            throw new IllegalArgumentException("unknown family " + family);
        }

        Systems.share();
        try {
            long opened = System.nanoTime();
            BenchSystem target = Systems.acquire(family, system);
            long warmed = System.nanoTime();
            warmUp(target, family.equals("sessions4j"), warmUpSeconds);
            System.out.printf("# %s/%s: opened and preloaded in %.1f s, warmed up for %.1f s%n", family, system,
                    (warmed - opened) / 1e9, (System.nanoTime() - warmed) / 1e9);
            for (int threads : threadCounts) {
                Options options = new OptionsBuilder().parent(cli)
                        .include("^" + Pattern.quote(benchmark.getName()) + "\\.(" + operations + ")$")
                        .param("system", system)
                        .forks(0)
                        .threads(threads)
                        .resultFormat(ResultFormatType.JSON)
                        .result(out.resolve("jmh-" + family + "-" + system + "-t" + threads + ".json").toString())
                        .build();
                new Runner(options).run();
            }
        } finally {
            Systems.closeShared();
        }
    }

    /** Protocol lines on standard output start with this; everything else is JMH's own output. */
    static final String REPLY = "@@ ";

    /**
     * Command mode. After opening, preloading and warming the system it prints {@code @@ ready}, then reads
     * commands, one per line, until {@code quit} or the end of input:
     * <ul>
     *   <li>{@code run <operation> <threads> <measurement iterations> [nogc]} — one JMH measurement in this JVM
     *       ({@code forks = 0}) with JMH's GC profiler (without it if {@code nogc}: to check that the profiler
     *       does not change the throughput); 0 iterations keeps the JMH options' count; replies {@code @@ result {"score":…,"error":…,"alloc":…}}
     *       (operations per second, JMH's 99.9% half-width, bytes allocated per operation), or
     *       {@code @@ error <message>}.</li>
     * </ul>
     * Between commands the JVM is idle, so the other JVM of a pair measures on a machine this one does not load.
     */
    static void serve(String family, String system, String[] jmhArgs) throws Exception {
        Options cli = new CommandLineOptions(jmhArgs);
        double warmUpSeconds = Double.parseDouble(System.getProperty("bench.warmup.seconds", "4"));
        Class<?> benchmark = Systems.FAMILIES.get(family);
        if (benchmark == null) {
            throw new IllegalArgumentException("unknown family " + family);
        }
        ObjectMapper json = new ObjectMapper();
        Systems.share();
        try {
            long opened = System.nanoTime();
            BenchSystem target = Systems.acquire(family, system);
            long warmed = System.nanoTime();
            warmUp(target, family.equals("sessions4j"), warmUpSeconds);
            System.out.printf("%sready %s/%s opened and preloaded in %.1f s, warmed up for %.1f s%n", REPLY, family, system,
                    (warmed - opened) / 1e9, (System.nanoTime() - warmed) / 1e9);
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null && !line.isBlank() && !line.strip().equals("quit"); line = in.readLine()) {
                String[] command = line.strip().split("\\s+");
                try {
                    boolean valid = command[0].equals("run")
                            && (command.length == 4 || command.length == 5 && command[4].equals("nogc"));
                    boolean gc = command.length == 4;
                    if (!valid) {
                        throw new IllegalArgumentException("expected: run <operation> <threads> <iterations> [nogc], got: " + line);
                    }
                    OptionsBuilder options = new OptionsBuilder();
                    options.parent(cli)
                            .include("^" + Pattern.quote(benchmark.getName()) + "\\." + Pattern.quote(command[1]) + "$")
                            .param("system", system)
                            .forks(0)
                            .threads(Integer.parseInt(command[2]));
                    if (gc) {
                        options.addProfiler(GCProfiler.class);
                    }
                    int iterations = Integer.parseInt(command[3]);
                    if (iterations > 0) {
                        options.measurementIterations(iterations);
                    }
                    RunResult result = new Runner(options.build()).runSingle();
                    Result<?> primary = result.getPrimaryResult();
                    ObjectNode reply = json.createObjectNode();
                    reply.put("score", primary.getScore());
                    reply.put("error", primary.getScoreError());
                    reply.put("alloc", result.getSecondaryResults().entrySet().stream()
                            .filter(e -> e.getKey().endsWith("gc.alloc.rate.norm"))
                            .mapToDouble(e -> e.getValue().getScore()).findFirst().orElse(Double.NaN));
                    reply.put("iterations", result.getParams().getMeasurement().getCount());
                    System.out.println(REPLY + "result " + json.writeValueAsString(reply));
                } catch (Exception e) {
                    System.out.println(REPLY + "error " + String.valueOf(e).replace('\n', ' '));
                }
                System.out.flush();
            }
        } finally {
            Systems.closeShared();
        }
    }

    /**
     * Runs the system's operations round-robin on two threads, so that the first benchmark does not pay
     * for compiling what all of them share: until each thread has used {@code seconds} of CPU, or three
     * times that in wall-clock time. Counting CPU time keeps the warm-up the same on a loaded machine
     * (where wall-clock seconds give the JIT a fraction of the work); the wall-clock bound ends it for
     * systems whose threads mostly wait on the network.
     */
    private static void warmUp(BenchSystem target, boolean cycle, double seconds) throws InterruptedException {
        List<Function<String, Object>> ops = new ArrayList<>(List.of(target::read, target::write, key -> target.create()));
        if (cycle) {
            ops.add(target::cycle);
        }
        List<String> keys = target.keys();
        long cpuNanos = (long) (seconds * 1e9);
        long deadline = System.nanoTime() + 3 * cpuNanos;
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        boolean measurable = cpu.isCurrentThreadCpuTimeSupported();
        Runnable loop = () -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            long start = measurable ? cpu.getCurrentThreadCpuTime() : 0;
            while (System.nanoTime() < deadline && (!measurable || cpu.getCurrentThreadCpuTime() - start < cpuNanos)) {
                for (Function<String, Object> op : ops) {
                    op.apply(keys.get(random.nextInt(keys.size())));
                }
            }
        };
        Thread[] threads = {new Thread(loop, "warm-up-1"), new Thread(loop, "warm-up-2")};
        for (Thread t : threads) {
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
    }
}

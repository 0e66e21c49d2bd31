package io.sessions4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs the packaged command as a user does: {@code java -jar target/sessions.jar ...} (or the launcher
 * script) in its own process, with a chosen working directory, environment and standard input.
 * The inherited environment loses every {@code SESSIONS_*} variable, so only what a test sets applies.
 */
final class SessionsProcess {
    private static final long TIMEOUT_SECONDS = 60;

    private final Path workingDirectory;
    private final Map<String, String> environment = new HashMap<>();
    private final List<String> extraClassPath = new ArrayList<>();
    private String stdin = "";
    private Path launcher;

    private SessionsProcess(Path workingDirectory) {
        this.workingDirectory = workingDirectory;
    }

    /** A command run in {@code workingDirectory}. */
    static SessionsProcess in(Path workingDirectory) {
        return new SessionsProcess(workingDirectory);
    }

    /** The shaded jar made by {@code mvn package}. */
    static Path jar() {
        Path jar = Path.of(System.getProperty("sessions.jar", "target/sessions.jar"));
        assertThat(jar).as("the packaged command (run mvn package first)").isRegularFile();
        return jar.toAbsolutePath();
    }

    /** The launcher script beside the jar. */
    static Path launcherScript() {
        Path script = Path.of(System.getProperty("sessions.launcher", "target/sessions"));
        assertThat(script).as("the launcher script (run mvn package first)").isRegularFile();
        return script.toAbsolutePath();
    }

    SessionsProcess env(String name, String value) {
        environment.put(name, value);
        return this;
    }

    SessionsProcess stdin(String input) {
        this.stdin = input;
        return this;
    }

    /** Adds the test classes to the class path (for test-only engine providers): runs the main class with -cp. */
    SessionsProcess withTestClasses() {
        extraClassPath.add(Path.of(System.getProperty("sessions.testClasses", "target/test-classes")).toAbsolutePath()
                .toString());
        return this;
    }

    /** Runs the given script (launcher or a link to it) instead of {@code java -jar}. */
    SessionsProcess viaLauncher(Path script) {
        this.launcher = script;
        return this;
    }

    Result run(String... args) {
        List<String> command = new ArrayList<>();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        if (launcher != null) {
            command.add(launcher.toString());
        } else if (extraClassPath.isEmpty()) {
            command.addAll(List.of(java, "-jar", jar().toString()));
        } else {
            command.addAll(List.of(java, "-cp", jar() + File.pathSeparator
                    + String.join(File.pathSeparator, extraClassPath), SessionsCommand.class.getName()));
        }
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(workingDirectory.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("SESSIONS_"));
        builder.environment().remove("JAVA_OPTS");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            CompletableFuture<String> out = drain(process.getInputStream());
            CompletableFuture<String> err = drain(process.getErrorStream());
            try (var in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("sessions " + String.join(" ", args) + " did not finish in "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), out.join(), err.join());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Reads a stream to its end on its own thread, so that neither pipe can fill up and block the process. */
    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        }, "sessions-process-reader");
        reader.setDaemon(true);
        reader.start();
        return text;
    }

    /** Writes a properties file from key/value pairs. */
    static Path properties(Path file, Map<String, String> settings) {
        StringBuilder text = new StringBuilder();
        settings.forEach((k, v) -> text.append(k).append('=').append(v.replace("\\", "\\\\")).append('\n'));
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** What the command did. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout ---\n" + stdout + "--- stderr ---\n" + stderr;
        }
    }
}

package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's command: {@code java -jar target/sessions-demo.jar} starts with no configuration
 * (db engine on H2 under the data directory, generated secret) and serves pages. Runs after
 * {@code package} (failsafe), against the shaded jar itself: it proves the merged
 * {@code META-INF/services} files still register the engines, SLF4J and Jetty.
 */
class ShadedJarIT {
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+/) \\(engine (\\S+)\\)");

    @TempDir
    Path work;

    @Test
    @DisplayName("java -jar target/sessions-demo.jar: starts on the db engine, serves pages, stores sessions")
    void shaded_jar_starts_and_serves() throws Exception {
        Path jar = Path.of("target", "sessions-demo.jar").toAbsolutePath();
        assertThat(jar).exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java.toString(), "-jar", jar.toString(),
                "--port", "0", "--data-dir", work.resolve("data").toString()))
                .directory(work.toFile())
                .redirectErrorStream(true);
        builder.environment().keySet().removeIf(name -> name.startsWith("SESSIONS_")); // the default, as in the README
        Process process = builder.start();
        StringBuilder log = new StringBuilder();
        try {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line; (line = in.readLine()) != null; ) {
                        lines.add(line);
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, "demo-output");
            reader.setDaemon(true);
            reader.start();

            Matcher started = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (started == null && System.nanoTime() < deadline && (process.isAlive() || !lines.isEmpty())) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null) {
                    log.append(line).append('\n');
                    Matcher m = LISTENING.matcher(line);
                    started = m.find() ? m : null;
                }
            }
            assertThat(started).as("start-up line in:\n%s", log).isNotNull();
            assertThat(started.group(2)).isEqualTo("db");
            assertThat(log).contains("Generated a new secret key");
            assertThat(work.resolve("data").resolve("secret.key")).exists();

            TestClient client = new TestClient(URI.create(started.group(1)));
            HttpResponse<String> home = client.get("/");
            assertThat(home.statusCode()).isEqualTo(200);
            assertThat(home.body()).contains("sessions4j");
            assertThat(client.get("/style.css").statusCode()).isEqualTo(200);

            HttpResponse<String> patched = client.send("PATCH", "/api/session", "{\"hello\": \"world\"}");
            assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
            assertThat(client.get("/api/session").body()).contains("\"hello\":\"world\"");
            try (var files = Files.list(work.resolve("data"))) {
                assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("sessions") && n.endsWith(".db"));
            }
        } finally {
            process.destroy(); // SIGTERM: the shutdown hook stops Jetty and closes the engine
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        assertThat(process.exitValue()).as("exit after SIGTERM (143 = killed by the signal)").isIn(0, 143);
    }
}

package io.sessions4j.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's failure paths (a successful run serves until stopped: see ShadedJarIT). */
class DemoCommandTest {
    @TempDir
    Path temp;

    @Test
    @DisplayName("Bad settings: exit 2")
    void bad_settings_exit_2() throws IOException {
        Path config = Files.writeString(temp.resolve("bad.properties"), "sessions.engine=nosuchengine\nsessions.secret.key=s\n");

        assertThat(DemoCommand.run("--config", config.toString(), "--port", "0")).isEqualTo(2);
        assertThat(DemoCommand.run("--config", temp.resolve("missing.properties").toString())).isEqualTo(2);
    }

    @Test
    @DisplayName("Bad options: exit 2")
    void bad_options_exit_2() {
        assertThat(DemoCommand.run("--port", "seventy")).isEqualTo(2);
        assertThat(DemoCommand.run("--port", "70000")).isEqualTo(2);
        assertThat(DemoCommand.run("--no-such-option")).isEqualTo(2);
    }

    @Test
    @DisplayName("A port in use: exit 1")
    void port_in_use_exit_1() throws IOException {
        Path config = Files.writeString(temp.resolve("memory.properties"), "sessions.engine=memory\nsessions.secret.key=s\n");
        try (ServerSocket busy = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThat(DemoCommand.run("--config", config.toString(), "--host", "127.0.0.1",
                    "--port", Integer.toString(busy.getLocalPort()))).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("--help: exit 0")
    void help() {
        assertThat(DemoCommand.run("--help")).isZero();
    }
}

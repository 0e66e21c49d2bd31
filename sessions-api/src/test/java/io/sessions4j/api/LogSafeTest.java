package io.sessions4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.SocketTimeoutException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one way keys and failures appear in messages (issue #14: one helper instead of three of each). */
class LogSafeTest {
    @Test
    @DisplayName("S1 a key shows its first 4 characters; a short one nothing; null says so")
    void key() {
        assertThat(LogSafe.key("abcdefghijklmnopqrstuvwxyz012345")).isEqualTo("abcd…");
        assertThat(LogSafe.key("abcdefgh")).isEqualTo("…");
        assertThat(LogSafe.key(null)).isEqualTo("(none)");
    }

    @Test
    @DisplayName("describe: the message, then each cause that says something new, with its type")
    void describe() {
        Exception e = new IllegalStateException("pool timed out",
                new IOException("pool timed out", new SocketTimeoutException("Read timed out")));
        assertThat(LogSafe.describe(e)).isEqualTo("pool timed out; caused by: SocketTimeoutException: Read timed out");
        assertThat(LogSafe.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    @DisplayName("CloseOnFailure closes the resource when the next step fails, and only then")
    void closeOnFailure() {
        boolean[] closed = {false};
        AutoCloseable resource = () -> closed[0] = true;
        assertThat(CloseOnFailure.of(resource, () -> "engine")).isEqualTo("engine");
        assertThat(closed[0]).isFalse();
        assertThatThrownBy(() -> CloseOnFailure.of(resource, () -> {
            throw new IllegalStateException("step failed");
        })).hasMessage("step failed");
        assertThat(closed[0]).isTrue();
    }
}

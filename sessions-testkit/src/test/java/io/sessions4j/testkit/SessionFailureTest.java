package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.CreateException;
import io.sessions4j.api.SessionInterruptedException;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.UpdateException;
import io.sessions4j.api.http.SessionFailure;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The one answer every web integration gives to a session failure. */
class SessionFailureTest {

    @Test
    @DisplayName("F6/E6 A session ended by a concurrent request (interrupted, or a key change's UpdateException) answers 400")
    void endedSessionAnswers400() {
        assertThat(SessionFailure.of(new SessionInterruptedException("gone", null))).hasValueSatisfying(f -> {
            assertThat(f.status()).isEqualTo(400);
            assertThat(f.body()).isEqualTo("Bad Request: the session was ended by a concurrent request\n");
        });
        assertThat(SessionFailure.of(new UpdateException("gone"))).hasValueSatisfying(f -> assertThat(f.status()).isEqualTo(400));
    }

    @Test
    @DisplayName("E5 Storage down answers 503, also when a framework wrapped the exception")
    void storageFaultAnswers503ThroughWrappers() {
        SessionStorageException fault = new SessionStorageException("down");
        assertThat(SessionFailure.of(new CompletionException(new RuntimeException(fault)))).hasValueSatisfying(f -> {
            assertThat(f.status()).isEqualTo(503);
            assertThat(f.body()).isEqualTo("Service Unavailable: session storage is unavailable\n");
            assertThat(f.cause()).isSameAs(fault);
        });
    }

    @Test
    @DisplayName("A session too large for its cookie answers 500 with a short body")
    void tooLargeAnswers500() {
        assertThat(SessionFailure.of(new SessionTooLargeException("5000 bytes"))).hasValueSatisfying(f -> {
            assertThat(f.status()).isEqualTo(500);
            assertThat(f.body()).contains("too large");
        });
    }

    @Test
    @DisplayName("The application's own exceptions (and other session errors) are left to the framework")
    void otherExceptionsAreNotAnswered() {
        assertThat(SessionFailure.of(new IllegalStateException("boom"))).isEmpty();
        assertThat(SessionFailure.of(new CreateException("exists"))).isEmpty();
        assertThat(SessionFailure.of(null)).isEmpty();
        RuntimeException cycle = new RuntimeException("a");
        RuntimeException other = new RuntimeException("b", cycle);
        cycle.initCause(other);
        assertThat(SessionFailure.of(cycle)).as("a cause cycle ends").isEmpty();
    }
}

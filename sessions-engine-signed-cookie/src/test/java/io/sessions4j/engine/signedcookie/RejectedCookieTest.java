package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionLifecycle;
import io.sessions4j.api.signing.SignedPayload;
import io.sessions4j.testkit.LifecycleRequests;
import io.sessions4j.testkit.MutableClock;
import io.sessions4j.testkit.RecordingResponseHeaders;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * G7: tampered, truncated, foreign-secret, cross-purpose, undecodable and oversized-when-inflated
 * cookies give a fresh empty session and a security log line — never an exception.
 */
class RejectedCookieTest {
    private final MutableClock clock = MutableClock.startingNow();
    private StorageSessionEngine engine;
    private String valid;

    @BeforeEach
    void signOne() {
        engine = Engines.engine(clock);
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.put("role", "admin");
        s.save();
        valid = s.getSessionKey();
        assertThat(engine.open(valid).get("user_id")).isEqualTo(42);
    }

    static Stream<Arguments> tamperings() {
        return Stream.of(
                tampering("payload changed", v -> flip(v, 3)),
                // Past what the shape check reads (LogSafe.KEY_CHARS_SHOWN characters): left to the signature.
                tampering("payload character outside base64", v -> put(v, 10, ' ')),
                tampering("payload character outside ASCII", v -> put(v, 10, '\u00e9')),
                tampering("payload character above U+00FF", v -> put(v, 10, '\u0141')),
                tampering("timestamp changed", v -> flip(v, v.indexOf(':') + 1)),
                tampering("signature changed", v -> flip(v, v.length() - 5)),
                tampering("signature truncated", v -> v.substring(0, v.length() - 1)),
                tampering("payload truncated", v -> v.substring(0, 1) + v.substring(10)),
                tampering("signature dropped", v -> v.substring(0, v.lastIndexOf(':') + 1) + "x"),
                tampering("compression mark removed", v -> v.startsWith(".") ? v.substring(1) : "." + v),
                tampering("timestamp of another cookie", v -> v.replaceFirst(":[0-9A-Za-z]+:", ":1r54PH:")));
    }

    private static Arguments tampering(String name, UnaryOperator<String> change) {
        return Arguments.of(Named.of(name, change));
    }

    @ParameterizedTest
    @MethodSource("tamperings")
    @DisplayName("G7 a tampered or truncated cookie gives a fresh empty session and a security warning")
    void g7_tampered(UnaryOperator<String> change) {
        String forged = change.apply(valid);
        assertThat(forged).isNotEqualTo(valid);
        assertRejected(forged, "rejected");
    }

    @Test
    @DisplayName("G7 a cookie signed with another secret gives a fresh empty session")
    void g7_foreignSecret() {
        StorageSessionEngine foreign = Engines.engine(clock, "sessions.secret.key", Engines.OTHER_SECRET);
        SessionStore s = foreign.open(null);
        s.put("user_id", 1);
        s.save();
        assertRejected(s.getSessionKey(), "rejected");
    }

    @Test
    @DisplayName("G7 a value signed with our secret for another purpose (db session_data) is not a cookie")
    void g7_otherSalt() {
        String sessionData = new SignedPayload(Engines.SECRET, List.of(), SignedPayload.SESSION_STORE_SALT)
                .dumps("{\"user_id\":1}".getBytes(StandardCharsets.US_ASCII), true, clock.instant());
        assertRejected(sessionData, "rejected");
    }

    @Test
    @DisplayName("G7 a verified cookie that is not a JSON object gives a fresh empty session")
    void g7_undecodable() {
        SignedPayload ours = new SignedPayload(Engines.SECRET, List.of(), SignedPayload.SIGNED_COOKIES_SALT);
        for (String json : new String[] {"[1,2,3]", "{\"unterminated\":", "null", "\"text\""}) {
            assertRejected(ours.dumps(json.getBytes(StandardCharsets.US_ASCII), true, clock.instant()),
                    "could not be decoded");
        }
    }

    @Test
    @DisplayName("D6 a signed cookie that would inflate beyond the limit is rejected, not inflated")
    void d6_zipBomb() {
        String huge = "{\"a\":\"" + "a".repeat(2 * 1024 * 1024) + "\"}";
        // Written by a signer with a larger bound (another node's setting): ours never compresses beyond its own.
        String bomb = new SignedPayload(Engines.SECRET, List.of(), SignedPayload.SIGNED_COOKIES_SALT, 4 * 1024 * 1024)
                .dumps(huge.getBytes(StandardCharsets.US_ASCII), true, clock.instant());
        assertThat(bomb.length()).as("fits in a cookie").isLessThan(4096);
        assertRejected(bomb, "exceeds");
    }

    @Test
    @DisplayName("G7 values that cannot be a signed cookie are not adopted as keys, and never verified")
    void g7_malformed() {
        for (String bad : new String[] {"abc", "a:b", "a:b:c:d", "payload:ts:sig with space", "é:b:c", "!1.",
                "!1.abc$", "!2.abcdef", "x".repeat(5000) + ":a:b"}) {
            try (SecurityLog log = new SecurityLog()) {
                SessionStore s = engine.open(bad);
                assertThat(s.getSessionKey()).as(bad).isNull();
                assertThat(s.get("user_id")).isNull();
                assertThat(log.lines()).as("nothing to verify, nothing to report").isEmpty();
            }
        }
    }

    @Test
    @DisplayName("G7 a rejected cookie in a request: the session is empty and the lifecycle deletes the cookie")
    void g7_rejectedInRequest() {
        LifecycleRequests lifecycle = new LifecycleRequests(new SessionLifecycle(engine));
        SessionStore s = lifecycle.open(List.of(flip(valid, 3)));
        try (SecurityLog log = new SecurityLog()) {
            assertThat(s.get("user_id")).isNull();
            assertThat(log.lines()).hasSize(1);
        }
        RecordingResponseHeaders outcome = lifecycle.finish(s, 200);
        assertThat(outcome.setCookies()).singleElement().asString().contains("Max-Age=0");
        assertThat(outcome.varyCookie()).isTrue();
    }

    private void assertRejected(String cookie, String logged) {
        try (SecurityLog log = new SecurityLog()) {
            SessionStore s = engine.open(cookie);
            assertThat(s.getSessionKey()).as("well-formed, so adopted until verified").isEqualTo(cookie);
            assertThat(s.get("user_id")).isNull();
            assertThat(s.keySet()).isEmpty();
            assertThat(s.getSessionKey()).isNull();
            assertThat(s.isEmpty()).isTrue();
            assertThat(log.lines()).singleElement().asString().contains("WARN").contains(logged)
                    // No part of a cookie value in a log line: not even the signature it was sent with.
                    .doesNotContain(cookie.substring(cookie.length() - 20))
                    .doesNotContain(valid.substring(valid.length() - 20));

            // What a request does next: a new session under a new cookie, never the forged one.
            s.put("user_id", 7);
            s.save();
            assertThat(s.getSessionKey()).isNotEqualTo(cookie);
            assertThat(engine.open(s.getSessionKey())).isEqualTo(Map.of("user_id", 7));
        }
    }

    /** The value with the character at {@code index} replaced by {@code c}. */
    private static String put(String value, int index, char c) {
        return value.substring(0, index) + c + value.substring(index + 1);
    }

    /** The value with the character at {@code index} replaced by another of the same alphabet. */
    private static String flip(String value, int index) {
        char c = value.charAt(index);
        char other = c == 'A' ? 'B' : 'A';
        return value.substring(0, index) + other + value.substring(index + 1);
    }
}

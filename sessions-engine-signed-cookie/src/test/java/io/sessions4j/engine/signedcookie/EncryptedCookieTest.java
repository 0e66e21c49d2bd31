package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import io.sessions4j.api.http.SessionLifecycle;
import io.sessions4j.testkit.LifecycleRequests;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code sessions.signed_cookies.encrypt=true}: the documented format, privacy, fresh nonces, tamper
 * rejection and switching the setting without logging anybody out. Rotation: {@link SecretRotationTest}.
 */
class EncryptedCookieTest {
    private static final String CARD = "4111 1111 1111 1111";

    private final MutableClock clock = MutableClock.startingNow();
    private final StorageSessionEngine engine = Engines.engine(clock, "sessions.signed_cookies.encrypt", "true");
    private final StorageSessionEngine plain = Engines.engine(clock);

    @Test
    @DisplayName("G7 encrypted format: \"!1.\" + base64url(nonce ‖ AES-256-GCM(HKDF key, ts ‖ json) ‖ tag), as documented")
    void g7_documentedFormat() throws Exception {
        String cookie = save(engine, Map.of("card", CARD));
        assertThat(cookie).startsWith("!1.").matches("!1\\.[A-Za-z0-9_-]+");

        // Decrypt independently, from the documented format alone.
        byte[] raw = Base64.getUrlDecoder().decode(cookie.substring(3));
        Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
        aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(hkdf(Engines.SECRET), "AES"),
                new GCMParameterSpec(128, raw, 0, 12));
        aes.updateAAD("!1.".getBytes(StandardCharsets.US_ASCII));
        byte[] plaintext = aes.doFinal(raw, 12, raw.length - 12);

        ByteBuffer buffer = ByteBuffer.wrap(plaintext);
        assertThat(buffer.getLong()).isEqualTo(clock.instant().getEpochSecond());
        assertThat(new String(plaintext, 8, plaintext.length - 8, StandardCharsets.US_ASCII))
                .isEqualTo("{\"card\":\"" + CARD + "\"}");
        assertThat(raw).hasSize(12 + plaintext.length + 16);
    }

    @Test
    @DisplayName("G7 encrypted cookies are private: neither the data nor its base64 appears in the cookie")
    void g7_private() {
        String cookie = save(engine, Map.of("card", CARD));
        byte[] raw = Base64.getUrlDecoder().decode(cookie.substring(3));
        assertThat(new String(raw, StandardCharsets.ISO_8859_1)).doesNotContain(CARD).doesNotContain("card");
        assertThat(cookie).doesNotContain(Base64.getUrlEncoder().withoutPadding()
                .encodeToString(("{\"card\":\"" + CARD).getBytes(StandardCharsets.US_ASCII)).substring(0, 12));
        assertThat(engine.open(cookie).get("card")).isEqualTo(CARD);
    }

    @Test
    @DisplayName("G7 every cookie gets a fresh nonce: the same data at the same second encrypts differently")
    void g7_freshNonce() {
        String a = save(engine, Map.of("card", CARD));
        String b = save(engine, Map.of("card", CARD));
        assertThat(a).isNotEqualTo(b);
        byte[] nonceA = Arrays.copyOf(Base64.getUrlDecoder().decode(a.substring(3)), 12);
        byte[] nonceB = Arrays.copyOf(Base64.getUrlDecoder().decode(b.substring(3)), 12);
        assertThat(nonceA).isNotEqualTo(nonceB);
        assertThat(engine.open(a).get("card")).isEqualTo(CARD);
        assertThat(engine.open(b).get("card")).isEqualTo(CARD);
    }

    @Test
    @DisplayName("G7 a tampered, truncated or foreign encrypted cookie gives a fresh empty session and a security warning")
    void g7_tampered() {
        String cookie = save(engine, Map.of("card", CARD));
        int middle = cookie.length() / 2;
        String flipped = cookie.substring(0, middle) + (cookie.charAt(middle) == 'A' ? 'B' : 'A')
                + cookie.substring(middle + 1);
        String foreign = save(Engines.engine(clock, "sessions.secret.key", Engines.OTHER_SECRET,
                "sessions.signed_cookies.encrypt", "true"), Map.of("card", CARD));
        for (String bad : new String[] {flipped, cookie.substring(0, cookie.length() - 4), "!1.AAAAAAAAAAAAAAAA", foreign}) {
            try (SecurityLog log = new SecurityLog()) {
                SessionStore s = engine.open(bad);
                assertThat(s.get("card")).isNull();
                assertThat(s.getSessionKey()).isNull();
                assertThat(log.lines()).singleElement().asString().contains("WARN").contains("rejected");
            }
        }
    }

    @Test
    @DisplayName("G7 switching encryption on or off logs nobody out: both formats are read, the setting decides what is written")
    void g7_switching() {
        String plainCookie = save(plain, Map.of("user_id", 1));
        String encryptedCookie = save(engine, Map.of("user_id", 2));

        assertThat(plain.open(encryptedCookie).get("user_id")).isEqualTo(2);
        SessionStore upgraded = engine.open(plainCookie);
        assertThat(upgraded.get("user_id")).isEqualTo(1);
        upgraded.save();
        assertThat(upgraded.getSessionKey()).startsWith("!1.");
        assertThat(SignedCookieEngine.encrypts(engine)).isTrue();
        assertThat(SignedCookieEngine.encrypts(plain)).isFalse();
    }

    @Test
    @DisplayName("G7 sessions.signed_cookies.accept_plain=false ends the migration: plain signed cookies give a fresh session")
    void g7_plainCookiesRefusedAfterMigration() {
        assertThat(SignedCookieEngineProvider.ACCEPT_PLAIN.defaultValue()).isEqualTo("true"); // today's behaviour
        String plainCookie = save(plain, Map.of("user_id", 1));
        StorageSessionEngine strict = Engines.engine(clock, "sessions.signed_cookies.encrypt", "true",
                "sessions.signed_cookies.accept_plain", "false");
        SessionStore refused = strict.open(plainCookie);
        assertThat(refused.get("user_id")).isNull();
        assertThat(refused.getSessionKey()).isNull();
        String encryptedCookie = save(strict, Map.of("user_id", 2));
        assertThat(strict.open(encryptedCookie).get("user_id")).isEqualTo(2);
        assertThat(engine.open(plainCookie).get("user_id")).isEqualTo(1); // the default still migrates
    }

    @Test
    @DisplayName("G7 accept_plain=false without encryption is refused at start-up (it would refuse every cookie)")
    void g7_acceptPlainNeedsEncryption() {
        assertThatThrownBy(() -> Engines.engine(clock, "sessions.signed_cookies.accept_plain", "false"))
                .isInstanceOf(io.sessions4j.api.SessionConfigurationException.class)
                .hasMessageContaining("sessions.signed_cookies.accept_plain")
                .hasMessageContaining("sessions.signed_cookies.encrypt=true");
    }

    @Test
    @DisplayName("G7 encrypted cookies are not compressed (compression would leak data through the length)")
    void g7_notCompressed() {
        Map<String, Object> repetitive = Map.of("text", "a".repeat(3500));
        assertThat(save(plain, repetitive).length()).isLessThan(200);
        LifecycleRequests requests = new LifecycleRequests(new SessionLifecycle(engine));
        SessionStore s = requests.open(List.of());
        s.putAll(repetitive);
        assertThatThrownBy(() -> requests.finish(s, 200)).isInstanceOf(SessionTooLargeException.class)
                .hasMessageContaining("the value alone").satisfies(e -> assertThat(e.getMessage()).containsPattern(
                        "value alone (3[5-9]|[4-9])\\d\\d\\d bytes")); // over 3,500: nothing was compressed
    }

    private static String save(StorageSessionEngine engine, Map<String, Object> data) {
        SessionStore s = engine.open(null);
        s.putAll(data);
        s.save();
        return s.getSessionKey();
    }

    /** RFC 5869 HKDF-SHA256, written out here so the test checks the documented derivation, not the code. */
    private static byte[] hkdf(String secret) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("io.sessions4j.engine.signedcookie".getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        byte[] prk = mac.doFinal(secret.getBytes(StandardCharsets.UTF_8));
        mac.init(new SecretKeySpec(prk, "HmacSHA256"));
        byte[] info = "sessions4j signed_cookies AES-256-GCM v1".getBytes(StandardCharsets.US_ASCII);
        byte[] input = Arrays.copyOf(info, info.length + 1);
        input[info.length] = 1;
        return mac.doFinal(input);
    }
}

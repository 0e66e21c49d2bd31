package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * G7/D5 secret rotation: a cookie signed (or encrypted) with an old secret loads while that secret is in
 * {@code sessions.secret.key.fallbacks}, and the next save re-signs it with the current secret.
 */
class SecretRotationTest {
    private final MutableClock clock = MutableClock.startingNow();

    @ParameterizedTest(name = "encrypt={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("D5 an old-secret cookie loads through the fallbacks and is re-signed with the current secret on save")
    void d5_rotation(boolean encrypt) {
        String mode = Boolean.toString(encrypt);
        StorageSessionEngine before = Engines.engine(clock, "sessions.secret.key", Engines.OLD_SECRET,
                "sessions.signed_cookies.encrypt", mode);
        StorageSessionEngine rotated = Engines.engine(clock, "sessions.secret.key.fallbacks",
                Engines.OTHER_SECRET + "," + Engines.OLD_SECRET, "sessions.signed_cookies.encrypt", mode);
        StorageSessionEngine currentOnly = Engines.engine(clock, "sessions.signed_cookies.encrypt", mode);

        SessionStore old = before.open(null);
        old.put("user_id", 42);
        old.save();
        String oldCookie = old.getSessionKey();

        assertThat(currentOnly.open(oldCookie).get("user_id")).as("without the fallback").isNull();

        SessionStore s = rotated.open(oldCookie);
        assertThat(s.get("user_id")).isEqualTo(42);
        s.put("visits", 1);
        s.save();
        String resigned = s.getSessionKey();

        assertThat(currentOnly.open(resigned)).containsEntry("user_id", 42).containsEntry("visits", 1);
        assertThat(before.open(resigned).get("user_id")).as("the old secret no longer verifies it").isNull();
    }
}

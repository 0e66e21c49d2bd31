package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.testkit.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The engine keeps cookie values it verified with what they decoded to ({@code VerifiedCookies}): the same cookie
 * sent again skips the signature check and the parse, and nothing else changes — a tampered value, a rotated
 * secret and expiry are judged as without it, and each request gets values of its own.
 */
class VerifiedCookiesTest {
    private static final int AGE = 3600;

    private final MutableClock clock = MutableClock.startingNow();
    private final Instant signedAt = clock.instant();

    @ParameterizedTest(name = "encrypt={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("A cookie read once is handed out decoded on the next read, with the same data")
    void keptAfterAVerifiedRead(boolean encrypt) {
        StorageSessionEngine engine = engine(encrypt);
        String cookie = cookie(engine);
        assertThat(decodedKept(engine, cookie)).as("before any read").isFalse();

        assertThat(engine.open(cookie).get("user_id")).isEqualTo(42);
        assertThat(decodedKept(engine, cookie)).as("after a verified read").isTrue();
        assertThat(engine.open(cookie)).containsEntry("user_id", 42).containsEntry("cart", List.of("a", "b"));
    }

    @ParameterizedTest(name = "encrypt={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("sessions.signed_cookies.verified_values=0: nothing is kept, every read verifies")
    void offKeepsNothing(boolean encrypt) {
        StorageSessionEngine engine = Engines.engine(clock, "sessions.signed_cookies.verified_values", "0",
                "sessions.signed_cookies.encrypt", Boolean.toString(encrypt));
        String cookie = cookie(engine);
        assertThat(engine.open(cookie).get("user_id")).isEqualTo(42);
        assertThat(engine.open(cookie).get("user_id")).isEqualTo(42);
        assertThat(decodedKept(engine, cookie)).isFalse();
    }

    @ParameterizedTest(name = "encrypt={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("A tampered copy of a kept cookie is still refused: only the whole value finds it")
    void tamperedCopyOfAKeptCookieIsRefused(boolean encrypt) {
        StorageSessionEngine engine = engine(encrypt);
        String cookie = cookie(engine);
        engine.open(cookie).get("user_id");

        for (int at : new int[] {cookie.length() / 2, cookie.length() - 1}) {
            String tampered = flipTopBit(cookie, at);
            try (SecurityLog log = new SecurityLog()) {
                SessionStore s = engine.open(tampered);
                assertThat(s.get("user_id")).as("tampered at %d", at).isNull();
                assertThat(s.getSessionKey()).isNull();
            }
            assertThat(decodedKept(engine, tampered)).isFalse();
        }
        assertThat(engine.open(cookie.substring(0, cookie.length() - 1)).get("user_id")).as("truncated").isNull();
    }

    @ParameterizedTest(name = "encrypt={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("A cookie kept by an engine is refused by an engine with a rotated secret that dropped the old one")
    void rotatedSecretRefusesAKeptCookie(boolean encrypt) {
        String mode = Boolean.toString(encrypt);
        StorageSessionEngine before = Engines.engine(clock, "sessions.signed_cookies.encrypt", mode);
        String cookie = cookie(before);
        assertThat(before.open(cookie).get("user_id")).isEqualTo(42);

        StorageSessionEngine rotated = Engines.engine(clock, "sessions.secret.key", Engines.OTHER_SECRET,
                "sessions.signed_cookies.encrypt", mode);
        try (SecurityLog log = new SecurityLog()) {
            assertThat(rotated.open(cookie).get("user_id")).isNull();
        }
        StorageSessionEngine withFallback = Engines.engine(clock, "sessions.secret.key", Engines.OTHER_SECRET,
                "sessions.secret.key.fallbacks", Engines.SECRET, "sessions.signed_cookies.encrypt", mode);
        assertThat(withFallback.open(cookie).get("user_id")).as("the old secret as a fallback").isEqualTo(42);
    }

    @ParameterizedTest(name = "encrypt={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("A kept cookie still expires: the cookie age and the session's own expiry are judged on every read")
    void keptCookieStillExpires(boolean encrypt) {
        StorageSessionEngine engine = engine(encrypt);
        String cookie = cookie(engine);
        clock.set(signedAt.plusSeconds(AGE - 1));
        assertThat(engine.open(cookie).get("user_id")).isEqualTo(42);
        assertThat(decodedKept(engine, cookie)).isTrue();

        clock.set(signedAt.plusSeconds(AGE));
        SessionStore expired = engine.open(cookie);
        assertThat(expired.get("user_id")).isNull();
        assertThat(expired.getSessionKey()).isNull();

        clock.set(signedAt);
        SessionStore s = engine.open(null);
        s.put("user_id", 7);
        s.setExpiry(60);
        s.save();
        String short_ = s.getSessionKey();
        assertThat(engine.open(short_).get("user_id")).isEqualTo(7);
        clock.set(signedAt.plusSeconds(60));
        assertThat(engine.open(short_).get("user_id")).as("own expiry").isNull();
    }

    @ParameterizedTest(name = "encrypt={0}")
    @ValueSource(booleans = {false, true})
    @DisplayName("Requests reading a kept cookie get values of their own: a change in one is seen by no other")
    @SuppressWarnings("unchecked")
    void keptValuesAreIsolated(boolean encrypt) {
        StorageSessionEngine engine = engine(encrypt);
        String cookie = cookie(engine);
        engine.open(cookie).get("user_id");

        SessionStore first = engine.open(cookie);
        ((List<Object>) first.get("cart")).add("c");
        ((Map<String, Object>) first.get("prefs")).put("theme", "light");
        first.put("user_id", 1);

        SessionStore second = engine.open(cookie);
        assertThat(second.get("cart")).isEqualTo(List.of("a", "b"));
        assertThat(second.get("prefs")).isEqualTo(Map.of("theme", "dark"));
        assertThat(second.get("user_id")).isEqualTo(42);
    }

    @ParameterizedTest(name = "capacity={0}")
    @ValueSource(ints = {1, 3})
    @DisplayName("The kept values are bounded: past the capacity the engine starts over, and reads still verify")
    void bounded(int capacity) {
        StorageSessionEngine plain = engine(false);
        CookieStorage storage = new CookieStorage(new io.sessions4j.engine.signedcookie.internal.VerifiedCookies(capacity));
        StorageSessionEngine engine = new StorageSessionEngine(SignedCookieEngine.NAME, plain.context(), plain.codec(), storage);
        List<String> cookies = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            SessionStore s = engine.open(null);
            s.put("user_id", i);
            s.save();
            cookies.add(s.getSessionKey());
        }
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < cookies.size(); i++) {
                assertThat(engine.open(cookies.get(i)).get("user_id")).isEqualTo(i);
                assertThat(kept(storage, cookies)).isLessThanOrEqualTo(capacity);
            }
        }
    }

    /**
     * {@code value} with the base64url character at {@code at} changed in its top bit: the bit every position
     * carries (the last character of a value can have low bits a decoder ignores).
     */
    private static String flipTopBit(String value, int at) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char[] chars = value.toCharArray();
        chars[at] = alphabet.charAt(alphabet.indexOf(chars[at]) ^ 32);
        return new String(chars);
    }

    private StorageSessionEngine engine(boolean encrypt) {
        return Engines.engine(clock, "sessions.cookie.age", Integer.toString(AGE),
                "sessions.signed_cookies.encrypt", Boolean.toString(encrypt));
    }

    private static String cookie(StorageSessionEngine engine) {
        SessionStore s = engine.open(null);
        s.put("user_id", 42);
        s.put("cart", new ArrayList<>(List.of("a", "b")));
        s.put("prefs", new java.util.LinkedHashMap<>(Map.of("theme", "dark")));
        s.save();
        return s.getSessionKey();
    }

    private boolean decodedKept(StorageSessionEngine engine, String cookie) {
        return engine.storage().load(cookie, clock.instant()).map(SessionStorage.Stored::decoded).isPresent();
    }

    private long kept(CookieStorage storage, List<String> cookies) {
        return cookies.stream().filter(c -> storage.load(c, clock.instant()).get().decoded() != null).count();
    }
}

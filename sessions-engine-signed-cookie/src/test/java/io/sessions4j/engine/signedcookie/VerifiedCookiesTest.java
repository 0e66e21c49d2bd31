package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.KeptSession;
import io.sessions4j.testkit.MutableClock;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The memo of verified cookies ({@link VerifiedCookies}): a browser's repeated cookie is read from it, and nothing
 * but exactly a value this process verified — never a tampered, forged or expired one — ever comes out of it.
 */
class VerifiedCookiesTest {
    private static final int AGE = 3600;

    private final MutableClock clock = MutableClock.startingNow();
    private final StorageSessionEngine engine = Engines.engine(clock, "sessions.cookie.age", Integer.toString(AGE));

    @Test
    @DisplayName("a cookie verified twice is kept: the third request reads the kept session, the same data")
    void keptOnTheSecondVerification() {
        String cookie = cookie(Map.of("user_id", 42, "cart", Map.of("sku", "A-1")));
        assertThat(kept(cookie)).as("never read yet").isNull();
        assertThat(engine.open(cookie).get("user_id")).isEqualTo(42);
        assertThat(kept(cookie)).as("verified once: a write's one-off cookie costs no copy").isNull();
        assertThat(engine.open(cookie).get("user_id")).isEqualTo(42);
        assertThat(kept(cookie)).as("verified twice").isNotNull();

        SessionStore third = engine.open(cookie);
        assertThat(third.get("user_id")).isEqualTo(42);
        assertThat(third.get("cart")).isEqualTo(Map.of("sku", "A-1"));
        third.put("user_id", 43); // a change copies: the kept session is never altered
        third.save();
        assertThat(engine.open(cookie).get("user_id")).isEqualTo(42);
        assertThat(engine.open(third.getSessionKey()).get("user_id")).isEqualTo(43);
    }

    @Test
    @DisplayName("a kept cookie altered anywhere — payload, timestamp, signature, length — is not found, and is rejected")
    void alteredValuesNeverHit() {
        String cookie = keptCookie();
        for (UnaryOperator<String> change : java.util.List.<UnaryOperator<String>>of(
                v -> put(v, 5, v.charAt(5) == 'A' ? 'B' : 'A'), // payload
                v -> put(v, v.indexOf(':') + 1, v.charAt(v.indexOf(':') + 1) == 'A' ? 'B' : 'A'), // timestamp
                v -> put(v, v.length() - 1, v.charAt(v.length() - 1) == 'A' ? 'B' : 'A'), // signature's last
                v -> put(v, v.length() - 43, v.charAt(v.length() - 43) == 'A' ? 'B' : 'A'), // signature's first
                v -> "A" + v, // a character more in front: same signature, another value
                v -> v.substring(1))) {
            String altered = change.apply(cookie);
            assertThat(kept(altered)).as(altered).isNull();
            try (SecurityLog log = new SecurityLog()) {
                SessionStore s = engine.open(altered);
                assertThat(s.get("user_id")).isNull();
                assertThat(s.isEmpty()).isTrue();
                if (s.getSessionKey() == null && !log.lines().isEmpty()) {
                    assertThat(log.lines()).singleElement().asString().contains("WARN");
                }
            }
        }
        assertThat(engine.open(cookie).get("user_id")).as("the genuine one still reads").isEqualTo(42);
    }

    @Test
    @DisplayName("a kept cookie past its end is expired by the kept end, as a fresh decode would judge it")
    void keptCookieExpires() {
        String cookie = keptCookie();
        assertThat(kept(cookie)).isNotNull();
        clock.set(clock.instant().plusSeconds(AGE + 1));
        try (SecurityLog log = new SecurityLog()) {
            SessionStore s = engine.open(cookie);
            assertThat(s.get("user_id")).isNull();
            assertThat(s.getSessionKey()).isNull();
            assertThat(log.lines()).singleElement().asString().contains("INFO").contains("expired at");
        }
    }

    @Test
    @DisplayName("a compressed cookie is never kept: what it inflates to is not bounded by its length")
    void compressedNeverKept() {
        StorageSessionEngine compressing = Engines.engine(clock, "sessions.signing.compress_min_bytes", "0");
        String cookie = cookie(compressing, Map.of("text", "a".repeat(500)));
        assertThat(cookie).startsWith(".");
        for (int i = 0; i < 3; i++) {
            assertThat(compressing.open(cookie).get("text")).isEqualTo("a".repeat(500));
        }
        assertThat(compressing.storage().load(cookie, clock.instant()).orElseThrow().decoded()).isNull();
    }

    @Test
    @DisplayName("a write's new cookie is not kept, also in place of a kept one, nor a new session's")
    void oneOffWritesKeepNothing() {
        String cookie = keptCookie();
        SessionStore s = engine.open(cookie);
        s.put("user_id", 43);
        s.save();
        assertThat(kept(s.getSessionKey())).isNull();
        assertThat(kept(cookie(Map.of("user_id", 44)))).isNull();
    }

    @Test
    @DisplayName("encrypted cookies are kept the same way")
    void encryptedCookiesKept() {
        StorageSessionEngine encrypting = Engines.engine(clock, "sessions.signed_cookies.encrypt", "true");
        String cookie = cookie(encrypting, Map.of("user_id", 42));
        assertThat(cookie).startsWith("!");
        encrypting.open(cookie).get("user_id");
        encrypting.open(cookie).get("user_id");
        assertThat(encrypting.storage().load(cookie, clock.instant()).orElseThrow().decoded()).isNotNull();
        assertThat(encrypting.open(cookie).get("user_id")).isEqualTo(42);
    }

    @Test
    @DisplayName("sessions.verified_records=0 keeps no cookie")
    void off() {
        StorageSessionEngine off = Engines.engine(clock, "sessions.verified_records", "0");
        String cookie = cookie(off, Map.of("user_id", 42));
        for (int i = 0; i < 3; i++) {
            assertThat(off.open(cookie).get("user_id")).isEqualTo(42);
        }
        assertThat(off.storage().load(cookie, clock.instant()).orElseThrow().decoded()).isNull();
    }

    @Test
    @DisplayName("sessions.verified_records sizes the memo: 4,096 entries hold more cookies than the default 1,024 can")
    void sizedBySetting() {
        StorageSessionEngine large = Engines.engine(clock, "sessions.verified_records", "4096");
        int cookies = 2048;
        String[] values = new String[cookies];
        for (int i = 0; i < cookies; i++) {
            values[i] = cookie(large, Map.of("user_id", i));
            large.open(values[i]).get("user_id");
            large.open(values[i]).get("user_id");
        }
        int found = 0;
        for (String value : values) {
            found += large.storage().load(value, clock.instant()).orElseThrow().decoded() != null ? 1 : 0;
        }
        assertThat(found).isGreaterThan(1024).isLessThanOrEqualTo(cookies);
    }

    @Test
    @DisplayName("a set holds two cookies and remembers two seen once: with one set (2 entries), the older makes room")
    void twoWaySet() {
        StorageSessionEngine one = Engines.engine(clock, "sessions.verified_records", "2");
        String a = cookie(one, Map.of("user_id", 1));
        String b = cookie(one, Map.of("user_id", 2));
        String c = cookie(one, Map.of("user_id", 3));
        read(one, a);
        read(one, b);
        read(one, a); // a seen before, though b came after it: two values seen once are remembered
        assertThat(kept(one, a)).isNotNull();
        read(one, b);
        assertThat(kept(one, a)).as("the older entry of the set").isNotNull();
        assertThat(kept(one, b)).isNotNull();
        read(one, c);
        read(one, c);
        assertThat(kept(one, c)).isNotNull();
        assertThat(kept(one, b)).as("moved to the second way").isNotNull();
        assertThat(kept(one, a)).as("the oldest made room").isNull();
        assertThat(one.open(a).get("user_id")).isEqualTo(1);
        assertThat(one.open(b).get("user_id")).isEqualTo(2);
    }

    @Test
    @DisplayName("the memo is bounded: of many kept cookies at most its 1,024 entries are found, and every one reads right")
    void bounded() {
        int slots = CoreSettings.verifiedRecordSlots(Integer.parseInt(CoreSettings.VERIFIED_RECORDS.defaultValue()));
        int cookies = slots * 3;
        String[] values = new String[cookies];
        for (int i = 0; i < cookies; i++) {
            values[i] = cookie(Map.of("user_id", i));
            engine.open(values[i]).get("user_id");
            engine.open(values[i]).get("user_id");
        }
        int found = 0;
        for (int i = 0; i < cookies; i++) {
            found += kept(values[i]) != null ? 1 : 0;
            assertThat(engine.open(values[i]).get("user_id")).isEqualTo(i);
        }
        assertThat(found).isPositive().isLessThanOrEqualTo(slots);
    }

    @Test
    @DisplayName("an engine with other secrets has its own memo: a cookie kept by one is not valid in the other")
    void otherSecretsOtherMemo() {
        String cookie = keptCookie();
        StorageSessionEngine other = Engines.engine(clock, "sessions.secret.key", Engines.OTHER_SECRET);
        assertThat(other.storage().load(cookie, clock.instant()).orElseThrow().decoded()).isNull();
        assertThat(other.open(cookie).get("user_id")).isNull();
    }

    private String keptCookie() {
        String cookie = cookie(Map.of("user_id", 42));
        engine.open(cookie).get("user_id");
        engine.open(cookie).get("user_id");
        assertThat(kept(cookie)).isNotNull();
        return cookie;
    }

    private KeptSession kept(String cookie) {
        return kept(engine, cookie);
    }

    private KeptSession kept(StorageSessionEngine on, String cookie) {
        return on.storage().load(cookie, clock.instant()).orElseThrow().decoded();
    }

    private static void read(StorageSessionEngine on, String cookie) {
        assertThat(on.open(cookie).get("user_id")).isNotNull();
    }

    private String cookie(Map<String, Object> data) {
        return cookie(engine, data);
    }

    /** The cookie of a new session of {@code data}, saved by {@code on}. */
    private static String cookie(StorageSessionEngine on, Map<String, Object> data) {
        SessionStore s = on.open(null);
        s.putAll(data);
        s.save();
        return s.getSessionKey();
    }

    private static String put(String value, int index, char c) {
        return value.substring(0, index) + c + value.substring(index + 1);
    }
}

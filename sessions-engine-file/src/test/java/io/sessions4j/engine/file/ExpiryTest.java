package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * CONFORMANCE C2/C3/C6 and G6 for files: a file expires at its own {@code _session_expiry} (a date,
 * or seconds after the modification time — which Django forgets to add), else at modification time
 * + cookie age, exactly as Django computes it for the same file.
 */
class ExpiryTest {
    static final int COOKIE_AGE = 1000;

    @TempDir
    Path temp;
    Path dir;
    MutableClock clock = MutableClock.startingNow();
    StorageSessionEngine engine;

    @BeforeEach
    void start() throws IOException {
        dir = temp.toRealPath();
        engine = FileEngines.engine(dir, clock, Map.of("sessions.cookie.age", Integer.toString(COOKIE_AGE)));
    }

    @AfterEach
    void stop() {
        engine.close();
    }

    private Path fileOf(String key) {
        return dir.resolve("sessionid" + key);
    }

    @Test
    @DisplayName("C1/G6 without _session_expiry a file lives cookie-age seconds after its last save")
    void g6_defaultExpiryIsModificationPlusCookieAge() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.save();
        String key = s.getSessionKey();
        clock.advance(Duration.ofSeconds(COOKIE_AGE - 1));
        assertThat(engine.open(key).get("a")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.open(key).get("a")).isNull();
    }

    @Test
    @DisplayName("C2/G6 an integer _session_expiry counts from the file's modification time (unlike Django), and saving slides it")
    void g6_integerExpiryCountsFromModificationTime() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.setExpiry(60);
        s.save();
        String key = s.getSessionKey();
        clock.advance(Duration.ofSeconds(59));
        SessionStore again = engine.open(key);
        again.put("b", 2);
        again.save(); // modification time now 59 s later: expiry slides to 119
        clock.advance(Duration.ofSeconds(59));
        assertThat(engine.open(key).get("b")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.open(key).get("a")).isNull();
    }

    @Test
    @DisplayName("C3/G6 an ISO-8601 _session_expiry is absolute: saving does not extend it")
    void g6_dateExpiryIsAbsolute() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.setExpiry(clock.instant().plusSeconds(30));
        s.save();
        String key = s.getSessionKey();
        clock.advance(Duration.ofSeconds(20));
        SessionStore again = engine.open(key);
        again.put("b", 2);
        again.save();
        clock.advance(Duration.ofSeconds(9));
        assertThat(engine.open(key).get("b")).isEqualTo(2);
        clock.advance(Duration.ofSeconds(1));
        assertThat(engine.open(key).get("b")).isNull();
    }

    @Test
    @DisplayName("G6 a file written by someone else (Django) expires by its modification time + cookie age")
    void g6_foreignFileExpiresByModificationTime() throws IOException {
        String data = engine.context().codec().encode(Map.of("from", "django"), engine.clock().instant());
        Path young = Files.writeString(fileOf("django000000000000000000000young"), data);
        Files.setLastModifiedTime(young, FileTime.from(clock.instant().minusSeconds(COOKIE_AGE - 10)));
        Path old = Files.writeString(fileOf("django0000000000000000000000old1"), data);
        Files.setLastModifiedTime(old, FileTime.from(clock.instant().minusSeconds(COOKIE_AGE + 10)));

        assertThat(engine.open("django000000000000000000000young").get("from")).isEqualTo("django");
        assertThat(engine.open("django0000000000000000000000old1").get("from")).isNull();
    }

    @Test
    @DisplayName("C6/G6 reading writes nothing: an expired file stays until clearExpired, a live one keeps its time")
    void g6_readsDoNotWrite() throws IOException {
        SessionStore dying = engine.open(null);
        dying.put("a", 1);
        dying.setExpiry(5);
        dying.save();
        SessionStore live = engine.open(null);
        live.put("a", 2);
        live.save();
        FileTime liveTime = Files.getLastModifiedTime(fileOf(live.getSessionKey()));
        FileTime dyingTime = Files.getLastModifiedTime(fileOf(dying.getSessionKey()));
        clock.advance(Duration.ofSeconds(6));

        assertThat(engine.open(dying.getSessionKey()).get("a")).isNull();
        assertThat(engine.open(live.getSessionKey()).get("a")).isEqualTo(2);

        assertThat(Files.getLastModifiedTime(fileOf(dying.getSessionKey()))).isEqualTo(dyingTime);
        assertThat(Files.getLastModifiedTime(fileOf(live.getSessionKey()))).isEqualTo(liveTime);
        assertThat(engine.clearExpired()).isEqualTo(1);
        assertThat(fileOf(dying.getSessionKey())).doesNotExist();
    }

    @Test
    @DisplayName("D2/G6 a file that fails its signature is an empty session that expires by modification time")
    void g6_tamperedFileIsEmptyAndExpiresByTime() throws IOException {
        String key = "tampered000000000000000000000001";
        String data = engine.context().codec().encode(Map.of("admin", false), engine.clock().instant());
        Files.writeString(fileOf(key), data.substring(0, data.length() - 2) + "xx");
        Files.setLastModifiedTime(fileOf(key), FileTime.from(clock.instant()));
        SessionStore s = engine.open(key);
        assertThat(s.keySet()).isEmpty();
        assertThat(FileEngines.storage(engine).exists(key, clock.instant())).isTrue();
        clock.advance(Duration.ofSeconds(COOKIE_AGE));
        assertThat(engine.clearExpired()).isEqualTo(1);
    }

    @Test
    @DisplayName("C6 a session saved with an expiry in the past is written but never loads")
    void c6_pastExpiry() {
        SessionStore s = engine.open(null);
        s.put("a", 1);
        s.setExpiry(Instant.EPOCH.plusSeconds(1));
        s.save();
        assertThat(fileOf(s.getSessionKey())).exists();
        assertThat(engine.open(s.getSessionKey()).get("a")).isNull();
    }
}

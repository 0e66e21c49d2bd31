package io.sessions4j.engine.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionCounts;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code count} (for {@code sessions stats}): live and expired session files, by the rule clearExpired uses. */
class CountTest {
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

    @Test
    @DisplayName("an empty directory counts 0 live, 0 expired")
    void emptyDirectory() {
        assertThat(engine.count()).contains(new SessionCounts(0, 0));
    }

    @Test
    @DisplayName("live and expired sessions are counted by each file's own expiry; clearExpired removes exactly the expired ones")
    void countsLiveAndExpiredLikeClearExpired() {
        save(s -> s.setExpiry(10));                                // expires after 10 s
        save(s -> s.setExpiry(clock.instant().plusSeconds(20)));   // expires at a date 20 s ahead
        save(s -> { });                                            // cookie age
        save(s -> { });
        assertThat(engine.count()).contains(new SessionCounts(4, 0));

        clock.advance(Duration.ofSeconds(15));
        assertThat(engine.count()).contains(new SessionCounts(3, 1));
        clock.advance(Duration.ofSeconds(10));
        assertThat(engine.count()).contains(new SessionCounts(2, 2));

        assertThat(engine.clearExpired()).isEqualTo(2);
        assertThat(engine.count()).contains(new SessionCounts(2, 0));
    }

    @Test
    @DisplayName("temporary files, other cookie names and foreign files are not counted; an old empty file counts as expired")
    void onlySessionFilesOfThisCookieNameCount() throws IOException {
        String key = save(s -> { });
        String data = Files.readString(dir.resolve("sessionid" + key));
        Files.writeString(dir.resolve("sessionid" + key + "_out_abc"), data);     // write in progress
        Files.writeString(dir.resolve("othercookie" + "a".repeat(32)), data);     // another cookie name
        Files.writeString(dir.resolve("README"), data);
        Path youngEmpty = Files.createFile(dir.resolve("sessionid" + "b".repeat(32)));  // create in progress
        Path oldEmpty = Files.createFile(dir.resolve("sessionid" + "c".repeat(32)));    // interrupted create
        Files.setLastModifiedTime(youngEmpty, FileTime.from(clock.instant()));
        Files.setLastModifiedTime(oldEmpty,
                FileTime.from(clock.instant().minus(FileSessionStorage.LEFTOVER_AGE).minusSeconds(1)));

        assertThat(engine.count()).contains(new SessionCounts(1, 1));
        assertThat(engine.clearExpired()).isEqualTo(1);
        assertThat(oldEmpty).doesNotExist();
        assertThat(engine.count()).contains(new SessionCounts(1, 0));
    }

    private String save(java.util.function.Consumer<SessionStore> setup) {
        SessionStore s = engine.open(null);
        s.put("user", 1);
        setup.accept(s);
        s.save();
        return s.getSessionKey();
    }
}

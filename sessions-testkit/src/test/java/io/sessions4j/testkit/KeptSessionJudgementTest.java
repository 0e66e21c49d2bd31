package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.spi.KeptSession;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A storage that keeps what the store offers ({@link KeptSession}) gets the store's judgement of when the session
 * ends with it: later reads of the record neither decode it nor work out its expiry again, yet still end it on time —
 * and the judgement serves only the engine that made it.
 */
class KeptSessionJudgementTest {
    private static final String SECRET = "kept-judgement-secret";
    private final MutableClock clock = MutableClock.startingNow();
    /** Like a cache: records come back without an expiry, so the store judges it from the data and its signing time. */
    private final SharedDecodeIsolationTest.KeepingStorage storage = new SharedDecodeIsolationTest.KeepingStorage(
            new SessionStoreTest.DelegatingStorage(new InMemorySessionStorage()) {
                @Override
                public Optional<Stored> load(String key, Instant now) {
                    return super.load(key, now).map(s -> new Stored(s.key(), s.data(), null));
                }
            });

    private record Engine(StorageSessionEngine engine, CountingCodec codec) {
    }

    private Engine engine(int cookieAge) {
        SessionContext context = SessionContext.create(SessionSettings.of(Map.of("sessions.secret.key", SECRET,
                "sessions.cookie.age", Integer.toString(cookieAge))), clock);
        CountingCodec codec = new CountingCodec(context.codec());
        return new Engine(new StorageSessionEngine("kept", context, codec, storage), codec);
    }

    private String saved(Engine e) {
        SessionStore s = e.engine().open(null);
        s.put("user", "alice");
        s.save();
        return s.getSessionKey();
    }

    @Test
    @DisplayName("J1 a kept session is read without a decode and still ends at its expiry, to the second")
    void j1_keptEndsOnTime() {
        Engine e = engine(100);
        String key = saved(e);
        assertThat(e.engine().open(key).get("user")).isEqualTo("alice");
        assertThat(e.codec().decodes).as("the first read decodes").hasValue(1);
        assertThat(storage.kept).hasSize(1);

        clock.advance(Duration.ofSeconds(99));
        assertThat(e.engine().open(key).get("user")).isEqualTo("alice");
        assertThat(e.codec().decodes).as("later reads use what was kept").hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        SessionStore late = e.engine().open(key);
        assertThat(late.get("user")).as("100 s after signing: ended, though the storage still keeps it").isNull();
        assertThat(late.getSessionKey()).isNull();
        assertThat(e.codec().decodes).hasValue(1);
    }

    @Test
    @DisplayName("J2 an engine with other settings over the same storage judges the record itself, not by another's judgement")
    void j2_otherJudge() {
        Engine longLived = engine(100);
        Engine shortLived = engine(10);
        String key = saved(longLived);
        assertThat(longLived.engine().open(key).get("user")).isEqualTo("alice"); // kept, judged to end in 100 s

        clock.advance(Duration.ofSeconds(20));
        assertThat(shortLived.engine().open(key).get("user")).as("10 s cookie age: ended").isNull();
        assertThat(shortLived.codec().decodes).as("decoded and judged again").hasValue(1);
        assertThat(longLived.engine().open(key).get("user")).isEqualTo("alice");
        assertThat(longLived.codec().decodes).hasValue(1);
    }

    @Test
    @DisplayName("J3 nothing is kept for a storage that does not keep: no copy is made for it")
    void j3_notKeptUnlessAsked() {
        SessionStoreTest.DelegatingStorage plain = new SessionStoreTest.DelegatingStorage(new InMemorySessionStorage()) {
            @Override
            public void keep(Stored record, KeptSession kept) {
                throw new AssertionError("offered a kept session though it keeps none");
            }
        };
        StorageSessionEngine engine = new StorageSessionEngine("plain",
                SessionSettings.of(Map.of("sessions.secret.key", SECRET)), clock, plain);
        SessionStore s = engine.open(null);
        s.put("user", "bob");
        s.save();
        assertThat(engine.open(s.getSessionKey()).get("user")).isEqualTo("bob");
    }
}

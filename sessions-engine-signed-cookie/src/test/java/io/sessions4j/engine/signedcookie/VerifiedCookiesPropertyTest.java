package io.sessions4j.engine.signedcookie;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionStore;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.testkit.MutableClock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * The memo of verified cookies changes nothing any request reads: browsers reading, writing, setting expiries, changing
 * what they read without saving, and time passing, through an engine with a memo small enough to evict all the time
 * and one with none. Both sign with the same secret and clock, so both produce the same cookie for the same write,
 * which the test checks as well.
 */
class VerifiedCookiesPropertyTest {
    private static final int BROWSERS = 3;
    private static final int AGE = 1000;

    /** One browser's request: what it does and with which key and value. */
    record Step(int browser, int kind, String key, int value) {
    }

    @Property(tries = 200)
    void memoChangesNoRead(@ForAll("steps") List<Step> steps) {
        MutableClock clock = new MutableClock(Instant.parse("2026-12-01T12:00:00Z"));
        StorageSessionEngine memo = Engines.engine(clock, "sessions.cookie.age", Integer.toString(AGE),
                "sessions.verified_records", "4");
        StorageSessionEngine none = Engines.engine(clock, "sessions.cookie.age", Integer.toString(AGE),
                "sessions.verified_records", "0");
        String[] cookies = new String[BROWSERS];
        for (Step step : steps) {
            String cookie = cookies[step.browser()];
            SessionStore a = memo.open(cookie);
            SessionStore b = none.open(cookie);
            assertThat(snapshot(a)).as("%s", step).isEqualTo(snapshot(b));
            switch (step.kind()) {
                case 0 -> { // a read-only request
                }
                case 1, 2 -> { // a write, of a plain value or of a nested list
                    Object value = step.kind() == 1 ? step.value() : List.of(step.value(), Map.of("n", step.value()));
                    a.put(step.key(), value);
                    b.put(step.key(), value);
                }
                case 3 -> {
                    a.setExpiry(step.value() * 10L);
                    b.setExpiry(step.value() * 10L);
                }
                case 4 -> { // changes what it read, in place, and never saves
                    for (Object v : a.values()) {
                        if (v instanceof List<?> list && list.size() > 1 && list.get(1) instanceof Map<?, ?> m) {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> nested = (Map<String, Object>) m;
                            nested.put("n", -1);
                        }
                    }
                    continue;
                }
                default -> {
                    clock.set(clock.instant().plusSeconds(step.value() * 20L));
                    continue;
                }
            }
            if (a.isModified() || b.isModified()) {
                a.save();
                b.save();
                assertThat(a.getSessionKey()).as("the same cookie from both").isEqualTo(b.getSessionKey());
                cookies[step.browser()] = a.getSessionKey();
            }
        }
        for (String cookie : cookies) {
            assertThat(snapshot(memo.open(cookie))).isEqualTo(snapshot(none.open(cookie)));
        }
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, BROWSERS - 1),
                Arbitraries.integers().between(0, 5), Arbitraries.of("a", "b", "c"),
                Arbitraries.integers().between(0, 80)).as(Step::new);
        // Reads weigh more: a cookie is kept from its second verification.
        Arbitrary<Step> read = Arbitraries.integers().between(0, BROWSERS - 1).map(b -> new Step(b, 0, "a", 0));
        return Arbitraries.frequencyOf(Tuple.of(2, step), Tuple.of(1, read))
                .list().ofMinSize(1).ofMaxSize(60);
    }

    /** Every key's value, nested maps and lists compared by content; the session's cookie too. */
    private static Map<String, Object> snapshot(SessionStore store) {
        Map<String, Object> all = new TreeMap<>(store);
        all.put("(expiry age)", store.getExpiryAge());
        return all;
    }
}

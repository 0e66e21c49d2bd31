package io.sessions4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * CONFORMANCE A16 as properties, for one engine's codec path: a value the store accepts comes back equal on the next
 * request — through {@code get(key, itsType)} for a plain {@code put} ({@link SessionValues#sameValue}: BigDecimal by
 * value), and exactly ({@code equals}, same class) through {@code getTyped} for {@code putTyped}. Extend it with an engine
 * whose settings allow {@link SessionValues.Profile} as a typed value ({@link #PROFILE_SETTING}).
 */
public abstract class StoredValueProperties {
    /** The {@code sessions.serializer.allowed_types} value the engine under test needs. */
    public static final String PROFILE_SETTING = SessionValues.Profile.class.getName();

    private SessionEngine engine;

    /** The engine under test, built once per property. */
    protected abstract SessionEngine createEngine();

    private SessionEngine engine() {
        if (engine == null) {
            engine = createEngine();
        }
        return engine;
    }

    @AfterProperty
    void closeEngine() {
        if (engine != null) {
            engine.close();
            engine = null;
        }
    }

    /**
     * Saves {@code change} in a new session and returns the store of the next request. A session too large for the
     * engine (a signed cookie over 4096 bytes) fails loudly at save (G7): such a try is not counted.
     */
    private SessionStore nextRequest(java.util.function.Consumer<SessionStore> change) {
        SessionStore first = engine().open(null);
        change.accept(first);
        try {
            first.save();
        } catch (SessionTooLargeException e) {
            Assume.that(false);
        }
        return engine().open(first.getSessionKey());
    }

    @Property(tries = 250)
    void a16_putThenGetAsItsType(@ForAll("typed") SessionValues.Typed value) {
        SessionStore next = nextRequest(s -> s.put("v", value.value()));

        Object back = next.get("v", value.type());
        assertThat(SessionValues.sameValue(value.value(), back)).as("%s came back as %s (%s)", value, back,
                back == null ? "null" : back.getClass().getName()).isTrue();
    }

    @Property(tries = 250)
    void a16_putTypedThenGetTypedExactly(@ForAll("typed") SessionValues.Typed value) {
        SessionStore next = nextRequest(s -> s.putTyped("v", value.value()));

        Object back = next.getTyped("v");
        assertThat(back).as("%s", value).isEqualTo(value.value());
        assertThat(next.get("v", value.type())).as("get(key, itsType) of a typed value").isEqualTo(value.value());
        if (value.value() != null && !(value.value() instanceof Iterable || value.value() instanceof java.util.Map)) {
            assertThat(back).hasSameClassAs(value.value());
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<SessionValues.Typed> typed() {
        return SessionValues.typed();
    }
}

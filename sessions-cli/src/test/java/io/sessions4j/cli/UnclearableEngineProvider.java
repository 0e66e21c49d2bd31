package io.sessions4j.cli;

import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionStore;
import java.time.Clock;
import java.util.function.LongConsumer;

/**
 * A third-party engine that cannot clear expired sessions at all (Django: a backend whose
 * {@code clear_expired} raises {@code NotImplementedError}). Named by class in {@code sessions.engine}
 * with the test classes on the command's class path; none of the built-in engines is like this.
 */
public final class UnclearableEngineProvider implements SessionEngineProvider {

    @Override
    public String name() {
        return "unclearable";
    }

    @Override
    public SessionEngine create(SessionContext context) {
        return new SessionEngine() {
            @Override
            public String name() {
                return "unclearable";
            }

            @Override
            public SessionSettings settings() {
                return context.settings();
            }

            @Override
            public Clock clock() {
                return context.clock();
            }

            @Override
            public SessionStore open(String sessionKey) {
                throw new UnsupportedOperationException("not needed by the test");
            }

            @Override
            public long clearExpired(LongConsumer progress) {
                throw new UnsupportedOperationException("clear_expired");
            }

            @Override
            public void close() {
            }
        };
    }
}

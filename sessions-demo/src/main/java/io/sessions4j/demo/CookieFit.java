package io.sessions4j.demo;

import io.sessions4j.api.ClientSideStorage;
import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionCodec;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionStore;
import io.sessions4j.api.SessionTooLargeException;
import io.sessions4j.api.StorageSessionEngine;
import io.sessions4j.api.http.SessionCookie;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Whether a change still fits the cookie, for an engine that keeps the whole session in it ({@link ClientSideStorage}:
 * signed cookies):
 * computes the cookie the filter would write, with the engine's own codec and {@link SessionCookie}'s size
 * rule. The filter finds out only after the handler answered (and then can answer nothing better than a 500);
 * the JSON API asks first and answers 413 with the size and the limit, leaving the session as it was.
 */
final class CookieFit {
    private final SessionCodec codec;
    private final SessionCookie cookie;
    private final Clock clock;

    private CookieFit(SessionCodec codec, SessionCookie cookie, Clock clock) {
        this.codec = codec;
        this.cookie = cookie;
        this.clock = clock;
    }

    /** The check for {@code engine}, or null when its cookie (if any) carries only a key, which always fits. */
    static CookieFit of(SessionEngine engine) {
        boolean dataInCookie = engine.capability(ClientSideStorage.class).isPresent()
                && engine.settings().get(CoreSettings.TRANSPORT).equals("cookie");
        if (!dataInCookie || !(engine instanceof StorageSessionEngine storageEngine)) {
            return null;
        }
        return new CookieFit(storageEngine.codec(), new SessionCookie(engine.settings()), engine.clock());
    }

    /**
     * Checks that {@code session} with {@code changes} put still fits its cookie; changes nothing.
     *
     * @throws SessionTooLargeException naming the cookie's size and the browser limit when it would not
     */
    void check(SessionStore session, Map<String, Object> changes) {
        Instant now = clock.instant();
        Map<String, Object> data = new LinkedHashMap<>(session);
        data.putAll(changes);
        // What the request cycle adds on a session's first save (epoch millis: always 13 digits today).
        data.putIfAbsent(SessionStore.CREATED_KEY, now.toEpochMilli());
        Long maxAge = session.getExpireAtBrowserClose() ? null : session.getExpiryAge();
        cookie.set(codec.encode(data, now), maxAge, now);
    }
}

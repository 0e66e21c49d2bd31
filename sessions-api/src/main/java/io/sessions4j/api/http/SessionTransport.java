package io.sessions4j.api.http;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionSettings;
import java.time.Instant;
import java.util.List;

/**
 * How the session key travels between client and server ({@code sessions.transport}): in a cookie (Django's
 * way, the default) or in a request/response header for APIs and mobile clients.
 */
abstract sealed class SessionTransport {
    /**
     * Same-name candidates looked up per request, at most: each costs a storage round trip, and a client can
     * send hundreds (#15: 150 junk cookies made 150 SELECTs). Three covers a cookie per path level.
     */
    static final int MAX_CANDIDATES = 3;

    static SessionTransport of(SessionSettings settings) {
        return settings.get(CoreSettings.TRANSPORT).equals("header")
                ? new Header(settings.get(CoreSettings.HEADER_NAME))
                : new Cookie(new SessionCookie(settings));
    }

    /** The keys the client sent, in order, at most {@link #MAX_CANDIDATES}. */
    abstract List<String> keys(RequestHeaders request);

    /** The header lines that hand {@code key} to the client. */
    abstract List<HeaderLine> write(String key, Long maxAge, Instant now);

    /** The header lines that tell the client to forget its key. */
    abstract List<HeaderLine> forget();

    /** What the response varies on when the session was read. */
    abstract String varyOn();

    /** The cookie: {@code Set-Cookie} as Django writes it, {@code Vary: Cookie}. */
    static final class Cookie extends SessionTransport {
        private final SessionCookie cookie;

        Cookie(SessionCookie cookie) {
            this.cookie = cookie;
        }

        @Override
        List<String> keys(RequestHeaders request) {
            return CookieHeader.values(request.values("Cookie"), cookie.name(), MAX_CANDIDATES);
        }

        @Override
        List<HeaderLine> write(String key, Long maxAge, Instant now) {
            return List.of(new HeaderLine("Set-Cookie", cookie.set(key, maxAge, now)));
        }

        @Override
        List<HeaderLine> forget() {
            return List.of(new HeaderLine("Set-Cookie", cookie.delete()));
        }

        @Override
        String varyOn() {
            return "Cookie";
        }
    }

    /**
     * A header ({@code sessions.header.name}) both ways: the client sends its token; a response after a
     * create or key change carries the new one, a response after a flush an empty one. Expiry is the
     * client's business here: nothing tells it Max-Age.
     */
    static final class Header extends SessionTransport {
        private final String name;

        Header(String name) {
            this.name = name;
        }

        @Override
        List<String> keys(RequestHeaders request) {
            return request.values(name).stream().map(String::trim).filter(v -> !v.isEmpty())
                    .limit(MAX_CANDIDATES).toList();
        }

        @Override
        List<HeaderLine> write(String key, Long maxAge, Instant now) {
            return List.of(new HeaderLine(name, key));
        }

        @Override
        List<HeaderLine> forget() {
            return List.of(new HeaderLine(name, ""));
        }

        @Override
        String varyOn() {
            return name;
        }
    }
}

package io.sessions4j.api.http;

/** One response header line the session needs, e.g. {@code Set-Cookie: sessionid=…}. */
public record HeaderLine(String name, String value) {
}

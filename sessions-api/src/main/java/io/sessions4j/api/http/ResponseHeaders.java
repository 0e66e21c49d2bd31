package io.sessions4j.api.http;

import java.util.List;

/**
 * Where {@link SessionExchange#commit} writes the session's response headers: a web integration's thin view
 * of its response, written before the response is committed.
 */
public interface ResponseHeaders {

    /** Adds a header line (several {@code Set-Cookie} lines may be added). */
    void add(String name, String value);

    /** Replaces every line of a header with one value. */
    void set(String name, String value);

    /** The values already set for a header (empty when none). */
    List<String> values(String name);
}

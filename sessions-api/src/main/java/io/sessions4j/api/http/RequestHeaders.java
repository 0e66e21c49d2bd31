package io.sessions4j.api.http;

import java.util.List;

/**
 * The request headers a web integration hands to {@link SessionLifecycle#open}: every value of a header,
 * in the order the client sent them (one entry per header line; empty when absent).
 */
@FunctionalInterface
public interface RequestHeaders {
    List<String> values(String name);
}

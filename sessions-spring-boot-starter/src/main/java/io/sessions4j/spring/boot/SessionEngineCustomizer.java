package io.sessions4j.spring.boot;

import io.sessions4j.api.SessionEngine;

/**
 * Adjusts the auto-configured {@link SessionEngine} before the first request: declare one as a bean to allow
 * the application's own types as typed session values, for example.
 *
 * <pre>{@code
 * @Bean
 * SessionEngineCustomizer cartTypes() {
 *     return engine -> engine.typedValues().allow(Cart.class);
 * }
 * }</pre>
 *
 * (The setting {@code sessions.serializer.allowed_types} does the same without code.)
 */
@FunctionalInterface
public interface SessionEngineCustomizer {

    /** Called once, right after the engine is built, in the beans' {@link org.springframework.core.annotation.Order}. */
    void customize(SessionEngine engine);
}

package io.sessions4j.spring.boot.security;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.spring.boot.SessionEngineCustomizer;
import org.springframework.security.jackson2.SecurityJackson2Modules;

/**
 * Lets Spring Security keep its session attributes as their Java types — the {@code SecurityContext}, the CSRF
 * token, the saved request, the last login failure — through sessions4j's typed values: as JSON, never Java
 * serialization. Spring Security's own Jackson modules write and read them, with their own allowlist, confined to
 * {@code org.springframework.security.*} values; the rest of the session stays plain JSON a Django app can read.
 *
 * <p>Jackson 2 modules ({@code SecurityJackson2Modules}) because the session JSON is Jackson 2 in every
 * integration (Boot 4 manages Jackson 2 beside Jackson 3, and Spring Security 7 still ships both module sets).
 */
@SuppressWarnings({"deprecation", "removal"})
public final class SecurityTypedValues implements SessionEngineCustomizer {
    /** The types handled by Spring Security's modules. */
    public static final String SECURITY_TYPES = "org.springframework.security.*";

    @Override
    public void customize(SessionEngine engine) {
        ClassLoader loader = SecurityTypedValues.class.getClassLoader();
        engine.typedValues().registerModules(SecurityJackson2Modules.getModules(loader), SECURITY_TYPES);
    }
}

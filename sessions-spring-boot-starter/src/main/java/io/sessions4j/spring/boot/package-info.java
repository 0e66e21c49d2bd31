/**
 * Spring Boot auto-configuration for sessions4j: add {@code sessions-spring-boot-starter} and an engine, set
 * {@code sessions.secret.key}, and {@code request.getSession()} is a sessions4j session.
 * {@link io.sessions4j.spring.boot.SessionsAutoConfiguration} is the entry point.
 */
package io.sessions4j.spring.boot;

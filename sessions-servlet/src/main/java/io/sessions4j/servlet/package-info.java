/**
 * Jakarta Servlet integration: {@link io.sessions4j.servlet.SessionFilter} makes
 * {@code request.getSession()} a sessions4j session and writes the session cookie before the
 * response is committed. Built for Servlet 6 containers (tested on Jetty 12 ee10 and Tomcat 10.1;
 * Spring Boot 3 embeds the latter); a plain {@link jakarta.servlet.Filter}, so Spring MVC and
 * Javalin register it like any other filter.
 */
package io.sessions4j.servlet;

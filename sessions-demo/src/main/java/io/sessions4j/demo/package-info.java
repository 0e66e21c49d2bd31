/**
 * The sessions4j demo: a small web app on embedded Jetty 12 (ee10) behind
 * {@link io.sessions4j.servlet.SessionFilter}. Run it with {@code java -jar sessions-demo.jar}
 * ({@link io.sessions4j.demo.DemoCommand}); embed it in tests with {@link io.sessions4j.demo.DemoServer}.
 *
 * <p>Pages: home, login (test cookie, {@code cycleKey}, remember me), the session's contents, a
 * shopping cart, logout ({@code flush}); and a JSON playground under {@code /api/session}. Every
 * printed value is HTML-escaped, every state change is a POST with a per-session CSRF token followed
 * by a redirect, and browsers' cross-site requests are refused.
 */
package io.sessions4j.demo;

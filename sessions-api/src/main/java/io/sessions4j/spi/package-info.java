/**
 * What an engine implements — the service-provider interface. An application never needs this package; it
 * uses {@link io.sessions4j.api} ({@code SessionEngines}, {@code SessionEngine}, {@code SessionStore}) and a
 * web integration ({@link io.sessions4j.api.http}).
 *
 * <h2>The request path</h2>
 * <ol>
 *   <li>A web adapter (the servlet filter, Javalin, Vert.x, WebFlux, the Spring Boot starter) calls
 *       {@link io.sessions4j.api.http.SessionLifecycle#open}: the transport reads at most three candidate keys.</li>
 *   <li>{@link io.sessions4j.api.SessionEngine#open} hands out a {@link io.sessions4j.api.SessionStore}: every
 *       Django rule, lazily loaded.</li>
 *   <li>The store reads and writes through one {@link io.sessions4j.spi.SessionStorage} (one round trip per
 *       read, compare-and-set per write) and one {@link io.sessions4j.spi.SessionCodec} (Django's stored format
 *       is {@link io.sessions4j.spi.SignedJsonCodec}; a signed cookie brings its own, over a storage whose key
 *       is the data).</li>
 *   <li>{@link io.sessions4j.api.http.SessionExchange#commit} takes every end-of-request decision and writes
 *       the response headers.</li>
 * </ol>
 *
 * <h2>Writing an engine</h2>
 * A {@link io.sessions4j.spi.SessionEngineProvider} (listed in
 * {@code META-INF/services/io.sessions4j.spi.SessionEngineProvider}) receives the
 * {@link io.sessions4j.api.SessionContext} that {@link io.sessions4j.api.SessionEngines#load} built and returns a
 * {@link io.sessions4j.api.StorageSessionEngine} over its storage. What only some engines can do is an optional
 * capability interface the storage or the provider implements: {@link io.sessions4j.spi.ClientSideStorage},
 * {@link io.sessions4j.spi.SchemaMigrations}, {@link io.sessions4j.spi.SignedValueFormats},
 * {@link io.sessions4j.api.users.PrincipalIndexed}. The serializer SPI is
 * {@link io.sessions4j.spi.SessionSerializer} ({@code sessions.serializer}).
 *
 * <p>{@code SessionContext} and {@code StorageSessionEngine} stay in {@code io.sessions4j.api}: they are the
 * api's own wiring that engines receive and build, tied to the store's package-private hooks (the user
 * index tracker, the absolute lifetime).
 */
package io.sessions4j.spi;

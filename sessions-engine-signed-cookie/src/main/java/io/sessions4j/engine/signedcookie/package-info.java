/**
 * Engine {@code signed_cookies}: the whole session in the client's cookie, no server state. Entry points:
 * {@link io.sessions4j.engine.signedcookie.SignedCookieEngine} (built by
 * {@link io.sessions4j.engine.signedcookie.SignedCookieEngineProvider} for {@code sessions.engine=signed_cookies})
 * over a storage whose key is the data ({@code CookieStorage}).
 *
 * <h2>Cookie formats</h2>
 * <ul>
 *   <li><b>Signed</b> (default), identical to Django's {@code signed_cookies} backend, so Django and this
 *       library read each other's cookies given the same secret:
 *       {@code signing.dumps(data, salt="django.contrib.sessions.backends.signed_cookies", compress=True)} =
 *       {@code [.]base64url(json | zlib(json)) ":" base62(epochSeconds) ":" base64url(HMAC-SHA256)}.
 *       The data is readable by the client, but cannot be changed without the secret.</li>
 *   <li><b>Encrypted</b> ({@code sessions.signed_cookies.encrypt=true}):
 *       {@code "!1." base64url(nonce[12] ‖ AES-256-GCM(key, nonce, aad="!1.", epochSeconds[8, big-endian] ‖ json) ‖ tag[16])}
 *       with {@code key = HKDF-SHA256(ikm=UTF-8(secret), salt="io.sessions4j.engine.signedcookie",
 *       info="sessions4j signed_cookies AES-256-GCM v1", L=32)}; a fresh random nonce per cookie; never
 *       compressed (compression before encryption leaks data through the length). Django cannot read it.</li>
 * </ul>
 * Both formats are always read (the leading {@code '!'} tells them apart), so turning encryption on or
 * off logs nobody out. Reading tries {@code sessions.secret.key}, then each of
 * {@code sessions.secret.key.fallbacks}; writing always uses the current secret.
 */
package io.sessions4j.engine.signedcookie;

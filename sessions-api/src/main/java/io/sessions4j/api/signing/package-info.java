/**
 * A byte-for-byte port of Django's {@code django.core.signing}, so that values signed by Django
 * verify here and values signed here verify in Django (given the same {@code SECRET_KEY} and salt).
 *
 * <ul>
 *   <li>{@link io.sessions4j.api.signing.Signer}: {@code value:signature}, HMAC-SHA256 with a salted key.</li>
 *   <li>{@link io.sessions4j.api.signing.TimestampSigner}: {@code value:base62(epochSeconds):signature},
 *       with an optional maximum age.</li>
 *   <li>{@link io.sessions4j.api.signing.SignedPayload}: {@code signing.dumps}/{@code signing.loads} over
 *       already-serialized JSON bytes, with optional zlib compression and a bounded decompression.</li>
 *   <li>{@link io.sessions4j.api.signing.DjangoJson}: a Jackson mapper that writes JSON the way Django's
 *       session serializer does (ASCII only).</li>
 * </ul>
 *
 * <p>All classes are immutable and thread-safe. Verification failures throw
 * {@link io.sessions4j.api.BadSignatureException}; an expired timestamp throws its subclass
 * {@link io.sessions4j.api.SignatureExpiredException}.
 */
package io.sessions4j.api.signing;

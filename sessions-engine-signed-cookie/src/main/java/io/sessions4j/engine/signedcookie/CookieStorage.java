package io.sessions4j.engine.signedcookie;

import io.sessions4j.spi.ClientSideStorage;
import io.sessions4j.spi.KeptSession;
import io.sessions4j.spi.SessionStorage;
import io.sessions4j.engine.signedcookie.internal.CookieCodec;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;

/**
 * The signed cookie's "storage": there is none on the server — the key <em>is</em> the data. Every write
 * returns a record whose key is the freshly signed value, which the request cycle sends as the new cookie.
 * What that means for the session rules:
 *
 * <ul>
 *   <li>Saving never conflicts: concurrent requests each produce their own cookie and the browser keeps the
 *       last one it receives.</li>
 *   <li>{@code exists} is always false and {@code delete} removes nothing: a cookie cannot be revoked on the
 *       server. An old cookie value — also one replaced by {@code cycleKey()} or {@code flush()} — stays valid
 *       until it expires; it is a bearer token. Keep the cookie age short where that matters, or rotate the
 *       secret to end every session.</li>
 *   <li>Expiry is judged by the store from the signing time (the last modification), honouring a per-session
 *       {@code _session_expiry} (Django checks only the cookie age: tickets #19201, #27775).</li>
 *   <li>A cookie verified twice is kept, with its decoded session, in a bounded memo ({@link VerifiedCookies},
 *       {@code sessions.verified_records} entries): the browser's next request with exactly that value skips
 *       verification and decoding; any other value goes through the codec.</li>
 * </ul>
 */
final class CookieStorage implements SessionStorage, ClientSideStorage {

    /** The shape of a signed or encrypted cookie, checked without cryptography. */
    @Override
    public boolean isValidKey(String key) {
        return CookieCodec.isWellFormed(key);
    }

    /** Cookie values this process verified twice, with their decoded sessions. */
    private final VerifiedCookies verified;

    /** @param verifiedCookies how many cookie values to keep ({@code sessions.verified_records}; 0: none) */
    CookieStorage(int verifiedCookies) {
        this.verified = new VerifiedCookies(verifiedCookies);
    }

    /** The cookie, with the session kept for exactly this value if it was verified here before ({@link VerifiedCookies}). */
    @Override
    public Optional<Stored> load(String key, Instant now) {
        return Optional.of(new Stored(key, key, null, null, verified.get(key)));
    }

    /** Keeps a verified cookie's session for the next request that sends exactly this value. */
    @Override
    public void keep(Stored record, KeptSession kept) {
        verified.put(record.data(), kept);
    }

    @Override
    public boolean keepsDecoded() {
        return true;
    }

    /** Only a value verified before: the cookie a browser keeps sending, not each write's new one. */
    @Override
    public boolean keepsDecoded(Stored record) {
        return verified.seenBefore(record.data());
    }

    /** Always false: nothing is stored on the server, so no key "exists" there. */
    @Override
    public boolean exists(String key, Instant now) {
        return false;
    }

    /** The new cookie value is the record; the store's proposed random key is not used. */
    @Override
    public Stored create(String key, String data, Instant expiry) {
        return new Stored(data, data, null);
    }

    @Override
    public Optional<Stored> replace(String key, Stored expected, String data, Instant expiry) {
        return Optional.of(new Stored(data, data, null));
    }

    /** Nothing to remove; true, as the storage cannot tell whether the client's cookie is still alive. */
    @Override
    public boolean delete(String key) {
        return true;
    }

    /** Nothing to do: expired cookies are simply not accepted. Always 0. */
    @Override
    public long clearExpired(Instant now, LongConsumer progress) {
        return 0;
    }

    @Override
    public boolean needsClearExpired() {
        return false;
    }

    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "signed cookie";
    }
}

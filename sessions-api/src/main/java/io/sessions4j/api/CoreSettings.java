package io.sessions4j.api;

import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.spi.SessionSerializer;
import io.sessions4j.api.signing.SignedPayload;
import java.util.List;

/**
 * The settings every engine shares (Django's {@code SESSION_*} and {@code SECRET_KEY*}).
 * Engine-specific keys are declared by the engines themselves.
 */
public final class CoreSettings {
    private CoreSettings() {
    }

    public static final Setting<String> ENGINE = Setting.text("sessions.engine", "db",
            "Storage engine: db, cache, file, cached_db, signed_cookies, or a SessionEngineProvider class name");
    public static final Setting<String> COOKIE_NAME = Setting.custom("sessions.cookie.name", "sessionid",
            "a cookie name (letters, digits and !#$%&'*+-.^_`|~)", "Name of the session cookie", CoreSettings::token);
    public static final Setting<Integer> COOKIE_AGE = Setting.integer("sessions.cookie.age", 1209600, 1,
            Integer.MAX_VALUE, "Cookie and session age in seconds (two weeks)");
    /** RFC 6265 section 4.1.1 domain-value: a host name (letters, digits, hyphens, dots), a leading dot tolerated. */
    public static final Setting<String> COOKIE_DOMAIN = Setting.custom("sessions.cookie.domain", null,
            "a host name such as example.com or .example.com (RFC 6265: letters, digits, '-' and '.')",
            "Domain attribute of the cookie; unset means host-only", raw -> {
                if (!raw.matches("\\.?[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*")) {
                    throw new IllegalArgumentException("bad domain");
                }
                return raw;
            });
    /** RFC 6265 section 4.1.1 path-value: any printable US-ASCII except ';' (no CR, LF or other controls). */
    public static final Setting<String> COOKIE_PATH = Setting.custom("sessions.cookie.path", "/",
            "a path starting with / of printable US-ASCII characters other than ';' (RFC 6265)",
            "Path attribute of the cookie", raw -> {
                if (!raw.startsWith("/") || !raw.chars().allMatch(c -> c >= 0x20 && c < 0x7F && c != ';')) {
                    throw new IllegalArgumentException("bad path");
                }
                return raw;
            });
    public static final Setting<Boolean> COOKIE_SECURE = Setting.bool("sessions.cookie.secure", false,
            "Send the cookie over HTTPS only");
    public static final Setting<Boolean> COOKIE_HTTPONLY = Setting.bool("sessions.cookie.httponly", true,
            "Hide the cookie from JavaScript");
    public static final Setting<String> COOKIE_SAMESITE = Setting.oneOf("sessions.cookie.samesite", "Lax",
            "SameSite attribute; 'false' leaves it out", "Lax", "Strict", "None", "false");
    public static final Setting<Boolean> COOKIE_PARTITIONED = Setting.bool("sessions.cookie.partitioned", false,
            "Add the Partitioned attribute (CHIPS); implies Secure");
    public static final Setting<Boolean> SAVE_EVERY_REQUEST = Setting.bool("sessions.save_every_request", false,
            "Save the session and refresh the cookie on every request");
    public static final Setting<Boolean> EXPIRE_AT_BROWSER_CLOSE = Setting.bool("sessions.expire_at_browser_close",
            false, "Sessions without their own expiry end when the browser closes");
    public static final Setting<String> SERIALIZER = Setting.text("sessions.serializer", "json",
            "Serializer: json, or a SessionSerializer class name");
    public static final Setting<List<String>> ALLOWED_TYPES = Setting.custom("sessions.serializer.allowed_types", "",
            "comma-separated class names or package prefixes such as com.example.model.* (at least two segments)",
            "Classes typed values may keep and instantiate (HttpSession attributes, SessionStore.putTyped); see TypedValues",
            raw -> {
                List<String> entries = java.util.Arrays.stream(raw.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
                TypeAllowlist.BUILT_IN.with(entries);
                return entries;
            });
    public static final Setting<String> SECRET_KEY = Setting.text("sessions.secret.key", null,
            "Secret used to sign session data (Django's SECRET_KEY); required");
    public static final Setting<List<String>> SECRET_KEY_FALLBACKS = Setting.list("sessions.secret.key.fallbacks",
            "Old secrets still accepted when reading, comma-separated (Django's SECRET_KEY_FALLBACKS)");
    public static final Setting<Integer> MAX_DECOMPRESSED_BYTES = Setting.integer(
            "sessions.signing.max_decompressed_bytes", SignedPayload.DEFAULT_MAX_DECOMPRESSED_BYTES, 1024, Integer.MAX_VALUE,
            "Largest size a compressed signed payload may inflate to");

    public static final Setting<Integer> COMPRESS_MIN_BYTES = Setting.integer(
            "sessions.signing.compress_min_bytes", 1024, 0, Integer.MAX_VALUE,
            "Compress stored data and signed cookies only from this many bytes of JSON; 0 = always try, as Django");
    public static final Setting<Integer> VERIFIED_RECORDS = Setting.integer("sessions.verified_records", 1024, 0,
            1 << 20, "Records of a database, Redis or files, and signed cookies, this node verified, kept with their"
                    + " decoded session so that a record or cookie read again unchanged skips the signature check and the"
                    + " JSON parse (rounded up to a power of two; 12 bytes per entry reserved at start-up, ~4 KB per"
                    + " record kept); 0 = off");

    /**
     * The slots a memo of verified records or cookies has for {@code sessions.verified_records} = {@code entries}: the
     * value rounded up to a power of two (at least 2), or 0 when it is 0 — the rule the setting's description states,
     * kept once for every such memo.
     */
    public static int verifiedRecordSlots(int entries) {
        return entries <= 0 ? 0 : Math.max(2, Integer.highestOneBit(Math.max(1, entries - 1)) << 1);
    }

    public static final Setting<java.time.Duration> CLEAR_EXPIRED_INTERVAL = Setting.duration(
            "sessions.clear_expired.interval", null,
            "Run clearExpired in-process this often (ISO-8601, e.g. PT6H), with jitter; unset = off (use cron)");

    public static final Setting<String> TRANSPORT = Setting.oneOf("sessions.transport", "cookie",
            "How the session key travels: in a cookie (Django's way) or in a request/response header (APIs, mobile)",
            "cookie", "header");
    public static final Setting<String> HEADER_NAME = Setting.custom("sessions.header.name", "X-Session-Token",
            "an HTTP header name (letters, digits and !#$%&'*+-.^_`|~)",
            "Header carrying the session key both ways when sessions.transport=header", CoreSettings::token);

    /** An RFC 7230 token, what both cookie names and header names must be. */
    private static String token(String raw) {
        if (raw.isEmpty() || !raw.matches("[A-Za-z0-9!#$%&'*+\\-.^_`|~]+")) {
            throw new IllegalArgumentException("not a token");
        }
        return raw;
    }
    public static final Setting<String> PRINCIPAL_KEY = Setting.custom("sessions.principal.key", "_auth_user_id",
            "a non-empty session key name", "Session key holding the user (principal) a session belongs to;"
                    + " Django's login() writes _auth_user_id", raw -> {
                if (raw.isBlank()) {
                    throw new IllegalArgumentException("empty");
                }
                return raw;
            });
    public static final Setting<Integer> MAX_PER_USER = Setting.integer("sessions.max_per_user", 0, 0,
            Integer.MAX_VALUE, "Most live sessions one principal may have; the oldest are revoked on login; 0 = no limit");
    public static final Setting<Boolean> MAX_PER_USER_PREVENT_LOGIN = Setting.bool(
            "sessions.max_per_user.prevent_login", false,
            "At sessions.max_per_user, refuse the new login (TooManySessionsException, HTTP 409) instead of revoking");
    public static final Setting<Integer> MAX_LIFETIME = Setting.integer("sessions.max_lifetime", 0, 0,
            Integer.MAX_VALUE, "Absolute session lifetime in seconds since creation, whatever the activity; 0 = off");

    /** Every core setting, in documentation order. */
    public static final List<Setting<?>> ALL = List.of(ENGINE, COOKIE_NAME, COOKIE_AGE, COOKIE_DOMAIN, COOKIE_PATH,
            COOKIE_SECURE, COOKIE_HTTPONLY, COOKIE_SAMESITE, COOKIE_PARTITIONED, SAVE_EVERY_REQUEST,
            EXPIRE_AT_BROWSER_CLOSE, SERIALIZER, ALLOWED_TYPES, SECRET_KEY, SECRET_KEY_FALLBACKS, MAX_DECOMPRESSED_BYTES, COMPRESS_MIN_BYTES,
            VERIFIED_RECORDS, CLEAR_EXPIRED_INTERVAL, TRANSPORT, HEADER_NAME, PRINCIPAL_KEY, MAX_PER_USER, MAX_PER_USER_PREVENT_LOGIN,
            MAX_LIFETIME);
}

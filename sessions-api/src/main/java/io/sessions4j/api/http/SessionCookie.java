package io.sessions4j.api.http;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.SessionTooLargeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Writes the session's {@code Set-Cookie} header values exactly as Django does: attributes in
 * Python's {@code SimpleCookie} order ({@code Domain; expires; HttpOnly; Max-Age; Path; SameSite;
 * Secure}), {@code expires} as an RFC 1123 date in GMT.
 */
public final class SessionCookie {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US).withZone(ZoneOffset.UTC);
    /** The largest {@code Set-Cookie} value (name, value and attributes) browsers are required to keep (RFC 6265 §6.1). */
    public static final int MAX_BYTES = 4096;
    /** What Django writes to delete a cookie. */
    static final String EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

    private final String name;
    private final String domain;
    private final String path;
    private final boolean secure;
    private final boolean httpOnly;
    private final String sameSite;
    private final boolean partitioned;
    /**
     * The attributes of the last stored cookie, reused while its expiry second and Max-Age stay the same: every
     * response in the same second writes the same ones, and building them (the date, the builder) was most of a
     * Set-Cookie's formatting (issue #20). Racing writers only ever replace one correct entry with another.
     */
    private volatile Attributes last;

    /** {@code text}: everything after the value for a cookie expiring at {@code expiresSecond} with {@code maxAge}. */
    private record Attributes(long expiresSecond, long maxAge, String text) {
    }

    public SessionCookie(SessionSettings settings) {
        this.name = settings.get(CoreSettings.COOKIE_NAME);
        this.domain = settings.get(CoreSettings.COOKIE_DOMAIN);
        this.path = settings.get(CoreSettings.COOKIE_PATH);
        String samesite = settings.get(CoreSettings.COOKIE_SAMESITE);
        this.sameSite = samesite.equals("false") ? null : samesite;
        this.partitioned = settings.get(CoreSettings.COOKIE_PARTITIONED);
        // Browsers drop SameSite=None and Partitioned cookies that are not Secure.
        this.secure = settings.get(CoreSettings.COOKIE_SECURE) || "None".equals(sameSite) || partitioned;
        this.httpOnly = settings.get(CoreSettings.COOKIE_HTTPONLY);
    }

    /** The cookie name ({@code sessions.cookie.name}). */
    public String name() {
        return name;
    }

    /**
     * The header value that stores {@code value}.
     *
     * @param maxAge seconds, or null for a cookie that ends with the browser (no Max-Age, no expires)
     * @param now    the current time, for {@code expires}
     * @throws SessionTooLargeException when the header would exceed {@value #MAX_BYTES} bytes: browsers would
     *                                  drop it silently (a signed-cookie session that grew too large)
     */
    public String set(String value, Long maxAge, Instant now) {
        String header = name + '=' + value + attributes(maxAge, now);
        // Cookie headers are ASCII (the value is base64 or a key; attributes are validated), so length = bytes.
        if (header.length() > MAX_BYTES) {
            throw new SessionTooLargeException("Session too large for a cookie: the Set-Cookie header would be "
                    + header.length() + " bytes (name, value and attributes; the value alone " + value.length()
                    + " bytes), over the " + MAX_BYTES + "-byte browser limit. "
                    + "Keep less data in the session or use a server-side engine.");
        }
        return header;
    }

    /** The header value that deletes the cookie: same Path, Domain and SameSite, Max-Age=0, epoch expires. */
    public String delete() {
        // Django's delete_cookie: Secure only where browsers would otherwise ignore the header.
        boolean deleteSecure = name.startsWith("__Secure-") || name.startsWith("__Host-") || "None".equals(sameSite)
                || partitioned;
        return name + "=\"\"" + attributes(EPOCH, 0L, false, deleteSecure);
    }

    /** The attributes of {@link #set}: the last ones again within the same second and Max-Age. */
    private String attributes(Long maxAge, Instant now) {
        if (maxAge == null) {
            return attributes(null, null, httpOnly, secure);
        }
        long expiresSecond = now.plusSeconds(maxAge).getEpochSecond(); // all httpDate reads of it
        Attributes cached = last;
        if (cached != null && cached.expiresSecond == expiresSecond && cached.maxAge == maxAge) {
            return cached.text;
        }
        String text = attributes(httpDate(Instant.ofEpochSecond(expiresSecond)), maxAge, httpOnly, secure);
        last = new Attributes(expiresSecond, maxAge, text);
        return text;
    }

    /**
     * Everything after the value, in Django's order. Built apart from the value, which is then joined to it in one
     * exact-size concatenation: a builder holding a signed cookie's value (hundreds of characters) cost a large buffer
     * plus a copy of it in toString().
     */
    private String attributes(String expires, Long maxAge, boolean httpOnlyFlag, boolean secureFlag) {
        StringBuilder out = new StringBuilder(160);
        if (domain != null) {
            out.append("; Domain=").append(domain);
        }
        if (expires != null) {
            out.append("; expires=").append(expires);
        }
        if (httpOnlyFlag) {
            out.append("; HttpOnly");
        }
        if (maxAge != null) {
            out.append("; Max-Age=").append(maxAge);
        }
        if (partitioned) {
            out.append("; Partitioned");
        }
        out.append("; Path=").append(path);
        if (sameSite != null) {
            out.append("; SameSite=").append(sameSite);
        }
        if (secureFlag) {
            out.append("; Secure");
        }
        return out.toString();
    }

    /** An RFC 1123 date as HTTP wants it, e.g. {@code Sat, 05 Dec 2026 22:03:31 GMT}. */
    public static String httpDate(Instant instant) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(instant.getEpochSecond(), 0, ZoneOffset.UTC);
        int year = t.getYear();
        if (year < 1000 || year > 9999) {
            return HTTP_DATE.format(instant); // never for a cookie's lifetime; the formatter knows the edge cases
        }
        // By hand: DateTimeFormatter costs about a microsecond per response, most of a Set-Cookie's formatting.
        char[] out = new char[29];
        copy(DAYS[t.getDayOfWeek().ordinal()], out, 0);
        out[3] = ',';
        out[4] = ' ';
        two(t.getDayOfMonth(), out, 5);
        out[7] = ' ';
        copy(MONTHS[t.getMonthValue() - 1], out, 8);
        out[11] = ' ';
        two(year / 100, out, 12);
        two(year % 100, out, 14);
        out[16] = ' ';
        two(t.getHour(), out, 17);
        out[19] = ':';
        two(t.getMinute(), out, 20);
        out[22] = ':';
        two(t.getSecond(), out, 23);
        copy(" GMT", out, 25);
        return new String(out);
    }

    private static final String[] DAYS = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    private static final String[] MONTHS = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static void copy(String s, char[] out, int at) {
        s.getChars(0, s.length(), out, at);
    }

    private static void two(int n, char[] out, int at) {
        out[at] = (char) ('0' + n / 10);
        out[at + 1] = (char) ('0' + n % 10);
    }
}

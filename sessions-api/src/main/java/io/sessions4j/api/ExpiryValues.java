package io.sessions4j.api;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * Reads and writes {@code _session_expiry} values exactly as Django 4+/5 keep them: an integer of
 * seconds, 0 for "at browser close", or an ISO-8601 date-time as Python's {@code isoformat()} writes
 * it for an aware UTC datetime ({@code 2026-11-21T22:03:31.123456+00:00}).
 *
 * <p><b>The range rule</b> (CONFORMANCE C9), the same on every engine: a session's expiry date lies between
 * {@link #EARLIEST} (1970-01-01T00:00:00Z) and {@link #LATEST} (9999-12-31T23:59:59Z). That is what a cookie's
 * {@code Expires} can say (RFC 6265 dates have a 4-digit year), what Python's {@code datetime} can hold, and what
 * every engine stores (SQL timestamps, cache TTLs, file times), with no overflow in the arithmetic.
 * <ul>
 *   <li>Setting an expiry outside it ({@code setExpiry(Long.MAX_VALUE)}, 10<sup>13</sup> seconds, an
 *       {@code Instant} in year 12345, a {@code Duration} that overflows) fails at once with an
 *       {@link IllegalArgumentException} saying the range; nothing is stored.</li>
 *   <li>A stored value outside it (written by another program, or seconds that pass the limit as time goes on)
 *       is clamped into it: later than the end is the end, earlier than 1970 is 1970 (expired). A stored value that
 *       is neither a number nor a readable date (text, {@code NaN}) counts as unset: the cookie age applies. Neither
 *       ever throws, so such data never turns a request into a 500.</li>
 * </ul>
 */
final class ExpiryValues {
    /** The earliest expiry date a session may have: the Unix epoch. */
    static final Instant EARLIEST = Instant.EPOCH;
    /** The latest expiry date a session may have: the last whole second of year 9999 UTC (every store keeps it exactly). */
    static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    private ExpiryValues() {
    }

    /**
     * {@code seconds} for {@code setExpiry(seconds)} when {@code now + seconds} is in range (0, "at browser close",
     * always is).
     *
     * @throws IllegalArgumentException otherwise
     */
    static long checkedSeconds(long seconds, Instant now) {
        if (seconds != 0 && secondsOutOfRange(seconds, now)) {
            throw outOfRange(seconds + " seconds from now");
        }
        return seconds;
    }

    /** {@code date} for {@code setExpiry(Instant)}; @throws IllegalArgumentException when out of range */
    static Instant checkedDate(Instant date) {
        if (date.isBefore(EARLIEST) || date.isAfter(LATEST)) {
            throw outOfRange(date.toString());
        }
        return date;
    }

    /** {@code now + duration} for {@code setExpiry(Duration)}; @throws IllegalArgumentException when out of range */
    static Instant dateAfter(Instant now, Duration duration) {
        if (secondsOutOfRange(duration.getSeconds(), now)) {
            throw outOfRange(duration + " from now");
        }
        return checkedDate(now.plus(duration));
    }

    private static boolean secondsOutOfRange(long seconds, Instant now) {
        long from = now.getEpochSecond();
        // Compared without adding: now + seconds may overflow a long.
        return seconds > LATEST.getEpochSecond() - from || seconds < EARLIEST.getEpochSecond() - from;
    }

    private static IllegalArgumentException outOfRange(String what) {
        return new IllegalArgumentException("Session expiry " + what + " is out of range: the expiry date must lie "
                + "between " + EARLIEST + " and " + LATEST + " (what cookies and every engine can store)");
    }

    /** Python's {@code datetime.isoformat()} for a UTC instant: microseconds, omitted when zero; {@code +00:00}. */
    static String isoFormat(Instant instant) {
        OffsetDateTime t = instant.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC);
        StringBuilder out = new StringBuilder(32);
        out.append(String.format("%04d-%02d-%02dT%02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                t.getHour(), t.getMinute(), t.getSecond()));
        int micros = t.getNano() / 1000;
        if (micros != 0) {
            out.append('.').append(String.format("%06d", micros));
        }
        return out.append("+00:00").toString();
    }

    /** Parses an ISO date-time; one without an offset (Django with USE_TZ=False) is taken as UTC. Null if unreadable. */
    static Instant parse(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /**
     * Django's {@code get_expiry_age}: seconds from {@code modification} to expiry, floored toward minus infinity;
     * clamped so that the date stays in range.
     */
    static long age(Instant modification, Object expiry, int cookieAge) {
        if (isUnset(expiry)) {
            return cookieAge;
        }
        if (expiry instanceof Number n) {
            if (Double.isNaN(n.doubleValue())) {
                return cookieAge;
            }
            long seconds = clampedSeconds(n);
            if (!secondsOutOfRange(seconds, modification)) {
                return seconds;
            }
            return Duration.between(modification, seconds > 0 ? LATEST : EARLIEST).getSeconds();
        }
        Instant date = parse(expiry.toString());
        if (date == null) {
            return cookieAge;
        }
        return Duration.between(modification, clamp(date)).getSeconds(); // getSeconds floors, like timedelta
    }

    /** Django's {@code get_expiry_date}: an ISO date as is, else modification + (seconds or the cookie age); clamped. */
    static Instant date(Instant modification, Object expiry, int cookieAge) {
        if (expiry instanceof String text) {
            Instant date = parse(text);
            if (date != null) {
                return clamp(date);
            }
        }
        if (isUnset(expiry) || !(expiry instanceof Number n) || Double.isNaN(n.doubleValue())) {
            return clamp(modification.plusSeconds(cookieAge));
        }
        long seconds = clampedSeconds(n);
        if (secondsOutOfRange(seconds, modification)) {
            return seconds > 0 ? LATEST : EARLIEST;
        }
        return clamp(modification.plusSeconds(seconds));
    }

    /** Whole seconds of a stored number, floored, saturating at the range's width (no overflow, no garbage bits). */
    private static long clampedSeconds(Number n) {
        long limit = LATEST.getEpochSecond() - EARLIEST.getEpochSecond() + 1;
        double d = n.doubleValue();
        if (d >= limit) {
            return limit;
        }
        if (d <= -limit) {
            return -limit;
        }
        if (n instanceof Integer || n instanceof Long || n instanceof Short || n instanceof Byte) {
            return n.longValue();
        }
        return (long) Math.floor(d);
    }

    private static Instant clamp(Instant date) {
        return date.isBefore(EARLIEST) ? EARLIEST : date.isAfter(LATEST) ? LATEST : date;
    }

    private static boolean isUnset(Object expiry) {
        return expiry == null || (expiry instanceof Number n && n.doubleValue() == 0) || "".equals(expiry);
    }
}

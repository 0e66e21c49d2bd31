package io.sessions4j.api;

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
 */
final class ExpiryValues {
    private ExpiryValues() {
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

    /** Django's {@code get_expiry_age}: seconds from {@code modification} to expiry, floored toward minus infinity. */
    static long age(Instant modification, Object expiry, int cookieAge) {
        if (isUnset(expiry)) {
            return cookieAge;
        }
        if (expiry instanceof Number n) {
            return n.longValue();
        }
        Instant date = parse(expiry.toString());
        if (date == null) {
            return cookieAge;
        }
        return java.time.Duration.between(modification, date).getSeconds(); // getSeconds floors, like timedelta
    }

    /** Django's {@code get_expiry_date}: an ISO date as is, else modification + (seconds or the cookie age). */
    static Instant date(Instant modification, Object expiry, int cookieAge) {
        if (expiry instanceof String text) {
            Instant date = parse(text);
            if (date != null) {
                return date;
            }
        }
        long seconds = isUnset(expiry) || !(expiry instanceof Number) ? cookieAge : ((Number) expiry).longValue();
        return modification.plusSeconds(seconds);
    }

    private static boolean isUnset(Object expiry) {
        return expiry == null || (expiry instanceof Number n && n.doubleValue() == 0) || "".equals(expiry);
    }
}

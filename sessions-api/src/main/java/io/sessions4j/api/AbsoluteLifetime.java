package io.sessions4j.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * {@code sessions.max_lifetime}: a session older than this since its creation ({@value SessionStore#CREATED_KEY},
 * epoch milliseconds in the data) is expired whatever its activity, and no expiry (storage or cookie)
 * runs past its end. Off (null duration) by default. A session without a creation time (written by
 * Django, or before the setting was turned on) is not bounded: it has nothing to count from.
 */
record AbsoluteLifetime(Duration max) {
    static final AbsoluteLifetime OFF = new AbsoluteLifetime(null);

    static AbsoluteLifetime of(int seconds) {
        return seconds <= 0 ? OFF : new AbsoluteLifetime(Duration.ofSeconds(seconds));
    }

    boolean isOn() {
        return max != null;
    }

    /** When the session of {@code data} must end, or null when unbounded. */
    Instant end(Map<String, Object> data) {
        if (max == null) {
            return null; // off: no look-up in the data (every read asks)
        }
        Instant created = created(data);
        return created == null ? null : created.plus(max);
    }

    /** Whether the session of {@code data} has outlived its absolute lifetime at {@code now}. */
    boolean outlived(Map<String, Object> data, Instant now) {
        Instant end = end(data);
        return end != null && !now.isBefore(end);
    }

    /** {@code expiry}, or the end of the lifetime when that comes first. */
    Instant cap(Instant expiry, Map<String, Object> data) {
        Instant end = end(data);
        return end != null && end.isBefore(expiry) ? end : expiry;
    }

    /** {@code age} seconds from {@code modification}, shortened so it never runs past the lifetime's end. */
    long cap(long age, Instant modification, Map<String, Object> data) {
        Instant end = end(data);
        if (end == null) {
            return age;
        }
        long left = Math.floorDiv(Duration.between(modification, end).toMillis(), 1000);
        return Math.min(age, left);
    }

    /** The creation time the data records, or null. */
    static Instant created(Map<String, Object> data) {
        return data.get(SessionStore.CREATED_KEY) instanceof Number n ? Instant.ofEpochMilli(n.longValue()) : null;
    }
}

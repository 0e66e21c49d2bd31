package io.sessions4j.api;

import io.sessions4j.spi.SessionEngineProvider;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;

/**
 * One documented {@code sessions.*} key: its name, default, and how a raw string becomes a typed,
 * validated value. Core keys live in {@link CoreSettings}; each engine declares its own through
 * {@link SessionEngineProvider#settings()}, so {@link SessionSettings} can reject unknown keys.
 *
 * @param <T> the parsed type
 */
public final class Setting<T> {
    private final String key;
    private final String defaultValue;
    private final String allowed;
    private final String description;
    private final Function<String, T> parser;

    private Setting(String key, String defaultValue, String allowed, String description, Function<String, T> parser) {
        this.key = Objects.requireNonNull(key, "key");
        this.defaultValue = defaultValue;
        this.allowed = allowed;
        this.description = description;
        this.parser = parser;
    }

    /** Free text; {@code defaultValue} may be null for "not set". */
    public static Setting<String> text(String key, String defaultValue, String description) {
        return new Setting<>(key, defaultValue, "any text", description, raw -> raw);
    }

    /** A whole number in {@code [min, max]}. */
    public static Setting<Integer> integer(String key, int defaultValue, int min, int max, String description) {
        return new Setting<>(key, Integer.toString(defaultValue), "a whole number from " + min + " to " + max,
                description, raw -> {
                    int value = Integer.parseInt(raw.trim());
                    if (value < min || value > max) {
                        throw new IllegalArgumentException("out of range");
                    }
                    return value;
                });
    }

    /** {@code true} or {@code false}, case-insensitive. */
    public static Setting<Boolean> bool(String key, boolean defaultValue, String description) {
        return new Setting<>(key, Boolean.toString(defaultValue), "true or false", description, raw -> {
            String v = raw.trim().toLowerCase(Locale.ROOT);
            if (v.equals("true")) {
                return true;
            }
            if (v.equals("false")) {
                return false;
            }
            throw new IllegalArgumentException("not a boolean");
        });
    }

    /** An ISO-8601 duration such as {@code PT6H}; {@code defaultValue} may be null for "off". */
    public static Setting<Duration> duration(String key, String defaultValue, String description) {
        return new Setting<>(key, defaultValue, "an ISO-8601 duration such as PT30S or PT6H", description, raw -> {
            try {
                Duration d = Duration.parse(raw.trim());
                if (d.isNegative() || d.isZero()) {
                    throw new IllegalArgumentException("not positive");
                }
                return d;
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException(e);
            }
        });
    }

    /** One of a fixed list of words, matched case-insensitively and returned as spelled in {@code choices}. */
    public static Setting<String> oneOf(String key, String defaultValue, String description, String... choices) {
        List<String> list = List.of(choices);
        return new Setting<>(key, defaultValue, "one of " + String.join(", ", list), description, raw -> {
            for (String choice : list) {
                if (choice.equalsIgnoreCase(raw.trim())) {
                    return choice;
                }
            }
            throw new IllegalArgumentException("not allowed");
        });
    }

    /** A comma-separated list of words; blank entries are dropped. */
    public static Setting<List<String>> list(String key, String description) {
        return new Setting<>(key, "", "a comma-separated list", description, raw -> {
            return java.util.Arrays.stream(raw.split(","))
                    .map(String::trim)
                    .filter(s -> !s.isEmpty())
                    .toList();
        });
    }

    /** A setting with a custom parser; the parser throws {@link IllegalArgumentException} on bad input. */
    public static <T> Setting<T> custom(String key, String defaultValue, String allowed, String description,
                                        Function<String, T> parser) {
        return new Setting<>(key, defaultValue, allowed, description, parser);
    }

    /** Parses a raw value, or fails with a message that names the key, the value and what is allowed. */
    public T parse(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return parser.apply(raw);
        } catch (RuntimeException e) {
            throw new SessionConfigurationException(
                    "Invalid value '" + shown(raw) + "' for " + key + ": expected " + allowed);
        }
    }

    /** The value as it may appear in messages and logs: secrets, passwords and URL credentials masked. */
    String shown(String raw) {
        if (key.contains("secret") || key.contains("password")) {
            return "****";
        }
        // Up to the last '@' of the authority: a password may itself hold '@', '/', '#' or '?'.
        String masked = raw.replaceAll("//[^\\s]*@", "//****@");
        // Control characters (a CR/LF in a cookie attribute) are shown escaped, never written into a log line.
        StringBuilder out = new StringBuilder(masked.length());
        masked.chars().forEach(c -> out.append(Character.isISOControl(c) ? String.format("\\u%04x", c) : (char) c));
        return out.toString();
    }

    public String key() {
        return key;
    }

    /** The default as written in a properties file, or null when the key has no default. */
    public String defaultValue() {
        return defaultValue;
    }

    /** What values are allowed, in words. */
    public String allowed() {
        return allowed;
    }

    public String description() {
        return description;
    }

    /** The environment variable that overrides this key: {@code sessions.cookie.age} → {@code SESSIONS_COOKIE_AGE}. */
    public String environmentVariable() {
        return key.toUpperCase(Locale.ROOT).replace('.', '_');
    }

    @Override
    public String toString() {
        return key;
    }
}

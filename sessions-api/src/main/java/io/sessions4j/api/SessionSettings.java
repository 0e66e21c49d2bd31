package io.sessions4j.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The validated {@code sessions.*} configuration: one explicit, immutable object built once at
 * start-up. Every key has a default ({@link CoreSettings} and each engine's
 * {@link SessionEngineProvider#settings()}); an unknown key or a bad value fails here, naming the
 * key, the value and what is allowed — never at the first request.
 *
 * <p>Values may hold {@code ${ENV_VAR}} or {@code ${ENV_VAR:default}} placeholders, and an
 * environment variable named after a key ({@code SESSIONS_COOKIE_AGE} for {@code sessions.cookie.age})
 * overrides the file.
 */
public final class SessionSettings {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final String PREFIX = "sessions.";
    /** Django's {@code SECRET_KEY_MIN_LENGTH}. */
    static final int MIN_SECRET_LENGTH = 50;
    /** Django's {@code SECRET_KEY_MIN_UNIQUE_CHARACTERS}. */
    static final int MIN_SECRET_DISTINCT = 5;
    private static final Logger LOG = LoggerFactory.getLogger(SessionSettings.class);

    private final Map<String, String> raw;
    private final Map<String, Setting<?>> known;
    private final Map<String, Object> parsed = new HashMap<>();

    private SessionSettings(Map<String, String> raw, Map<String, Setting<?>> known) {
        this.raw = Collections.unmodifiableMap(new TreeMap<>(raw));
        this.known = known;
        for (Map.Entry<String, String> e : this.raw.entrySet()) {
            Setting<?> setting = known.get(e.getKey());
            if (setting == null) {
                throw new SessionConfigurationException("Unknown setting " + e.getKey()
                        + ". Known settings: " + String.join(", ", new TreeMap<>(known).keySet()));
            }
            parsed.put(e.getKey(), setting.parse(e.getValue()));
        }
        for (Setting<?> setting : known.values()) {
            if (!parsed.containsKey(setting.key()) && setting.defaultValue() != null) {
                parsed.put(setting.key(), setting.parse(setting.defaultValue()));
            }
        }
        String secret = get(CoreSettings.SECRET_KEY);
        if (secret == null || secret.isBlank()) {
            throw new SessionConfigurationException(CoreSettings.SECRET_KEY.key()
                    + " is required: set it in the properties file or in the environment variable "
                    + CoreSettings.SECRET_KEY.environmentVariable());
        }
        checkCookiePrefix();
        warnIfWeak(CoreSettings.SECRET_KEY.key(), secret);
        List<String> fallbacks = get(CoreSettings.SECRET_KEY_FALLBACKS);
        for (int i = 0; i < fallbacks.size(); i++) {
            warnIfWeak(CoreSettings.SECRET_KEY_FALLBACKS.key() + " (entry " + (i + 1) + ")", fallbacks.get(i));
        }
    }

    /**
     * Cookie prefixes (RFC 6265bis section 4.1.3): browsers silently drop a {@code __Secure-} cookie
     * without Secure, and a {@code __Host-} cookie with a Domain, a Path other than {@code /}, or
     * without Secure. Such settings would log every user out on every request; refuse them now.
     */
    private void checkCookiePrefix() {
        String name = get(CoreSettings.COOKIE_NAME);
        boolean host = name.startsWith("__Host-");
        if (!host && !name.startsWith("__Secure-")) {
            return;
        }
        // The same rule as SessionCookie: SameSite=None and Partitioned imply Secure.
        boolean secure = get(CoreSettings.COOKIE_SECURE) || get(CoreSettings.COOKIE_SAMESITE).equals("None")
                || get(CoreSettings.COOKIE_PARTITIONED);
        String prefix = host ? "__Host-" : "__Secure-";
        if (!secure) {
            throw new SessionConfigurationException(CoreSettings.COOKIE_NAME.key() + "='" + name + "' starts with "
                    + prefix + ", which browsers accept only with Secure: set " + CoreSettings.COOKIE_SECURE.key()
                    + "=true");
        }
        if (host && get(CoreSettings.COOKIE_DOMAIN) != null) {
            throw new SessionConfigurationException(CoreSettings.COOKIE_NAME.key() + "='" + name
                    + "' starts with __Host-, which browsers reject with a Domain attribute: remove "
                    + CoreSettings.COOKIE_DOMAIN.key());
        }
        if (host && !get(CoreSettings.COOKIE_PATH).equals("/")) {
            throw new SessionConfigurationException(CoreSettings.COOKIE_NAME.key() + "='" + name
                    + "' starts with __Host-, which browsers accept only with Path=/: set "
                    + CoreSettings.COOKIE_PATH.key() + "=/");
        }
    }

    /**
     * Django's check security.W009: a secret shorter than {@value #MIN_SECRET_LENGTH} characters or
     * with fewer than {@value #MIN_SECRET_DISTINCT} distinct ones can be guessed, and with it every
     * session forged. A warning, not an error, as in Django; it names the key, never the value.
     */
    private static void warnIfWeak(String key, String secret) {
        if (secret.length() < MIN_SECRET_LENGTH || secret.chars().distinct().count() < MIN_SECRET_DISTINCT
                || secret.startsWith("django-insecure-")) {
            LOG.warn("{} is weak: use at least {} random characters with at least {} distinct ones, "
                    + "not an 'django-insecure-' key (Django's check security.W009). Anyone who guesses it can "
                    + "forge sessions.", key, MIN_SECRET_LENGTH, MIN_SECRET_DISTINCT);
        }
    }

    /** Settings from the given keys only: no file, no environment. Handy in tests and in code-first set-ups. */
    public static SessionSettings of(Map<String, String> properties) {
        return build(properties, Map.of());
    }

    /** Reads a {@code .properties} file (UTF-8), applying placeholders and environment overrides. */
    public static SessionSettings fromFile(Path file) {
        return build(read(file), System.getenv());
    }

    /**
     * The keys and values of a {@code .properties} file (UTF-8) as written: no placeholders resolved, nothing
     * validated. For tools that pass them on to {@link #from(Map, Map, Function)}.
     *
     * @throws SessionConfigurationException naming the file when it cannot be read
     */
    public static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new SessionConfigurationException("Cannot read settings file " + file.toAbsolutePath() + ": " + e, e);
        }
        return toMap(props);
    }

    /** Reads a {@code .properties} resource from the class path, applying placeholders and environment overrides. */
    public static SessionSettings fromResource(String resource) {
        Properties props = new Properties();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        try (InputStream in = (loader != null ? loader : SessionSettings.class.getClassLoader())
                .getResourceAsStream(resource.startsWith("/") ? resource.substring(1) : resource)) {
            if (in == null) {
                throw new SessionConfigurationException("Settings resource " + resource + " not found on the class path");
            }
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new SessionConfigurationException("Cannot read settings resource " + resource + ": " + e, e);
        }
        return build(toMap(props), System.getenv());
    }

    /** Settings from a map, with {@code environment} supplying placeholders and overrides. */
    public static SessionSettings from(Map<String, String> properties, Map<String, String> environment) {
        return build(properties, environment);
    }

    /**
     * {@link #from(Map, Map)}, with defaults of the caller's own beneath both: {@code defaults} is given the
     * values set explicitly (placeholders resolved, environment overrides applied) and answers values for
     * keys that are unset or blank there. For a tool whose defaults depend on what was set (the demo makes
     * a secret only when none is given).
     */
    public static SessionSettings from(Map<String, String> properties, Map<String, String> environment,
                                       Function<Map<String, String>, Map<String, String>> defaults) {
        Map<String, Setting<?>> known = new LinkedHashMap<>();
        Map<String, String> values = values(properties, environment, known);
        defaults.apply(Collections.unmodifiableMap(new LinkedHashMap<>(values))).forEach((key, value) -> {
            String set = values.get(key);
            if (set == null || set.isBlank()) {
                values.put(key, value);
            }
        });
        return new SessionSettings(values, known);
    }

    /** A copy with one more (or one changed) key; {@code null} removes the key. */
    public SessionSettings with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(raw);
        if (value == null) {
            copy.remove(key);
        } else {
            copy.put(key, value);
        }
        return new SessionSettings(copy, known);
    }

    /** The parsed value of {@code setting}, or its default; null when unset without a default. */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        if (!known.containsKey(setting.key())) {
            throw new SessionConfigurationException("Setting " + setting.key()
                    + " is not declared by the core or by any engine on the class path");
        }
        return (T) parsed.get(setting.key());
    }

    /** The keys that were set explicitly (file, map or environment), with their raw values. */
    public Map<String, String> explicit() {
        return raw;
    }

    /** Every key this installation knows, core and engines, in key order. */
    public List<Setting<?>> known() {
        return List.copyOf(new TreeMap<>(known).values());
    }

    // --- building --------------------------------------------------------------------------------

    private static SessionSettings build(Map<String, String> properties, Map<String, String> env) {
        Map<String, Setting<?>> known = new LinkedHashMap<>();
        return new SessionSettings(values(properties, env, known), known);
    }

    /** The explicit values: {@code properties}' placeholders resolved, then environment overrides; fills {@code known}. */
    private static Map<String, String> values(Map<String, String> properties, Map<String, String> env,
                                              Map<String, Setting<?>> known) {
        CoreSettings.ALL.forEach(s -> known.put(s.key(), s));
        for (SessionEngineProvider provider : EngineProviders.registered()) {
            provider.settings().forEach(s -> known.put(s.key(), s));
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : properties.entrySet()) {
            if (e.getKey().startsWith(PREFIX)) {
                values.put(e.getKey(), resolve(e.getKey(), e.getValue(), env));
            }
        }
        String engine = values.getOrDefault(CoreSettings.ENGINE.key(),
                env.getOrDefault(CoreSettings.ENGINE.environmentVariable(), CoreSettings.ENGINE.defaultValue()));
        EngineProviders.byClassName(engine).ifPresent(p -> p.settings().forEach(s -> known.put(s.key(), s)));
        for (Setting<?> setting : known.values()) {
            String override = env.get(setting.environmentVariable());
            if (override != null) {
                values.put(setting.key(), override);
            }
        }
        return values;
    }

    private static String resolve(String key, String value, Map<String, String> env) {
        Matcher m = PLACEHOLDER.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = env.get(m.group(1));
            if (replacement == null) {
                replacement = m.group(2);
            }
            if (replacement == null) {
                // The raw value is not repeated: the rest of it may be a secret or a password.
                throw new SessionConfigurationException("Setting " + key + " refers to environment variable "
                        + m.group(1) + ", which is not set (write ${" + m.group(1) + ":default} to give a default)");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static Map<String, String> toMap(Properties props) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String name : props.stringPropertyNames()) {
            map.put(name, props.getProperty(name));
        }
        return map;
    }

    @Override
    public String toString() {
        List<String> shown = new ArrayList<>();
        raw.forEach((k, v) -> {
            Setting<?> setting = known.get(k);
            shown.add(k + "=" + (setting != null ? setting.shown(v) : "****"));
        });
        return "SessionSettings" + shown;
    }
}

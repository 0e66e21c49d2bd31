package io.sessions4j.api;

import io.sessions4j.api.signing.SignedPayload;
import java.lang.reflect.InvocationTargetException;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;

/**
 * What every store of one engine shares, resolved once from the settings: the clock (the one clock of
 * the engine and of every web integration over it), cookie age, browser-close policy, serializer and the
 * stored-data codec. {@link SessionEngines#load} builds one and hands it to the engine's provider.
 */
public final class SessionContext {
    private final SessionSettings settings;
    private final Clock clock;
    private final int cookieAge;
    private final boolean expireAtBrowserClose;
    private final SessionSerializer serializer;
    private final SignedJsonCodec codec;
    private final String principalKey;
    private final AbsoluteLifetime lifetime;
    private final TypedValues typedValues;

    private SessionContext(SessionSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        this.cookieAge = settings.get(CoreSettings.COOKIE_AGE);
        this.expireAtBrowserClose = settings.get(CoreSettings.EXPIRE_AT_BROWSER_CLOSE);
        this.serializer = serializer(settings.get(CoreSettings.SERIALIZER));
        this.typedValues = TypedValues.fromSettings(settings);
        this.codec = new SignedJsonCodec(serializer, signedPayload(SignedPayload.SESSION_STORE_SALT));
        this.principalKey = settings.get(CoreSettings.PRINCIPAL_KEY);
        this.lifetime = AbsoluteLifetime.of(settings.get(CoreSettings.MAX_LIFETIME));
    }

    public static SessionContext create(SessionSettings settings, Clock clock) {
        return new SessionContext(settings, clock);
    }

    /** A Django-compatible signer/compressor for {@code salt}, with the configured secrets and limits. */
    public SignedPayload signedPayload(String salt) {
        return signedPayload(settings, salt);
    }

    /** {@link #signedPayload(String)} for tools that have settings but no engine (the {@code sessions} command). */
    public static SignedPayload signedPayload(SessionSettings settings, String salt) {
        return new SignedPayload(settings.get(CoreSettings.SECRET_KEY), settings.get(CoreSettings.SECRET_KEY_FALLBACKS),
                salt, settings.get(CoreSettings.MAX_DECOMPRESSED_BYTES), settings.get(CoreSettings.COMPRESS_MIN_BYTES));
    }

    private static SessionSerializer serializer(String name) {
        if (name.equals("json")) {
            return new JsonSessionSerializer();
        }
        try {
            Class<?> type = Class.forName(name, true, SessionContext.class.getClassLoader());
            if (!SessionSerializer.class.isAssignableFrom(type)) {
                throw new SessionConfigurationException("sessions.serializer='" + name + "' is not a "
                        + SessionSerializer.class.getName());
            }
            return (SessionSerializer) type.getDeclaredConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new SessionConfigurationException("Invalid value '" + name
                    + "' for sessions.serializer: expected json or the class name of a SessionSerializer", e);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException | InvocationTargetException e) {
            throw new SessionConfigurationException("sessions.serializer='" + name
                    + "' cannot be instantiated (a public no-argument constructor is required): " + e, e);
        }
    }

    public SessionSettings settings() {
        return settings;
    }

    public Clock clock() {
        return clock;
    }

    /** {@code sessions.cookie.age}, in seconds. */
    public int cookieAge() {
        return cookieAge;
    }

    public boolean expireAtBrowserClose() {
        return expireAtBrowserClose;
    }

    public SessionSerializer serializer() {
        return serializer;
    }

    /** Django's stored format ({@code SessionStore} salt): what server-side engines keep. */
    public SignedJsonCodec codec() {
        return codec;
    }

    /** {@code sessions.principal.key}: the session key naming the user a session belongs to. */
    public String principalKey() {
        return principalKey;
    }

    /** {@code sessions.max_lifetime}. */
    AbsoluteLifetime lifetime() {
        return lifetime;
    }

    /** The engine's typed-values allowlist and mapper ({@code sessions.serializer.allowed_types}). */
    public TypedValues typedValues() {
        return typedValues;
    }

    /**
     * When {@code data} expires if last modified at {@code modification} (Django's
     * {@code get_expiry_date}), never past the end of {@code sessions.max_lifetime}: for storages that must
     * judge expiry from the data itself.
     */
    public Instant expiryDate(Map<String, Object> data, Instant modification) {
        return lifetime.cap(ExpiryValues.date(modification, data.get(SessionStore.EXPIRY_KEY), cookieAge), data);
    }
}

package io.sessions4j.demo;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo's settings: a {@code sessions.properties} file when given ({@code --config}), else the
 * embedded default — the {@code db} engine on an H2 file in the data directory, expired sessions
 * cleared hourly. In both cases the
 * {@code SESSIONS_*} environment variables override, and when no secret is set anywhere the demo
 * uses one it generated in the data directory ({@link DemoSecret}), with a warning.
 */
final class DemoSettings {
    static final String DB_URL_KEY = "sessions.db.url";
    static final String CLEAR_EXPIRED_INTERVAL = "PT1H";
    private static final Logger LOG = LoggerFactory.getLogger(DemoSettings.class);

    private DemoSettings() {
    }

    /**
     * @param configFile  a properties file, or null for the embedded default
     * @param dataDir     where the default database and the generated secret live
     * @param environment the process environment ({@code SESSIONS_*} overrides and {@code ${VAR}} placeholders)
     * @throws SessionConfigurationException for a bad file, key or value
     */
    static SessionSettings resolve(Path configFile, Path dataDir, Map<String, String> environment) {
        Map<String, String> properties = configFile != null ? SessionSettings.read(configFile) : Map.of();
        return SessionSettings.from(properties, environment, explicit -> defaults(configFile == null, explicit, dataDir));
    }

    /** The demo's own defaults, beneath the file and the environment ({@code explicit}: what they set). */
    private static Map<String, String> defaults(boolean embedded, Map<String, String> explicit, Path dataDir) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (embedded) {
            // A demo left running should not grow its database forever: sweep hourly, in-process.
            defaults.put(CoreSettings.CLEAR_EXPIRED_INTERVAL.key(), CLEAR_EXPIRED_INTERVAL);
            if (declared(DB_URL_KEY) && !explicit.containsKey(DB_URL_KEY)) {
                // Absolute, so the database does not move with the working directory of a later run.
                defaults.put(DB_URL_KEY, "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("sessions"));
                mkdirs(dataDir);
            }
        }
        String secretKey = CoreSettings.SECRET_KEY.key();
        if (explicit.getOrDefault(secretKey, "").isBlank()) {
            defaults.put(secretKey, generatedSecret(dataDir));
        }
        return defaults;
    }

    private static String generatedSecret(Path dataDir) {
        DemoSecret secret = DemoSecret.loadOrCreate(dataDir);
        if (secret.created()) {
            LOG.warn("Generated a new secret key for signing sessions and kept it in {} (readable by you only). "
                    + "It is for this demo: set {} (or {}) in anything real.", secret.file(),
                    CoreSettings.SECRET_KEY.key(), CoreSettings.SECRET_KEY.environmentVariable());
        } else {
            LOG.warn("Signing sessions with the demo's generated secret key from {}; set {} (or {}) in anything real.",
                    secret.file(), CoreSettings.SECRET_KEY.key(), CoreSettings.SECRET_KEY.environmentVariable());
        }
        if (secret.readableByOthers()) {
            LOG.warn("{} can be read by other users: chmod 600 it, or delete it to generate a new one", secret.file());
        }
        return secret.value();
    }

    /** Whether an engine on the class path declares {@code key}. */
    private static boolean declared(String key) {
        for (SessionEngineProvider provider : SessionEngines.providers()) {
            if (provider.settings().stream().anyMatch(s -> s.key().equals(key))) {
                return true;
            }
        }
        return false;
    }

    private static void mkdirs(Path dataDir) {
        try {
            DemoSecret.createOwnerOnlyDirectory(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
    }
}

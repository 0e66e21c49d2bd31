package io.sessions4j.demo;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionEngines;
import io.sessions4j.api.SessionSettings;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
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
        Map<String, String> properties = new LinkedHashMap<>();
        if (configFile != null) {
            properties.putAll(read(configFile));
        } else {
            // A demo left running should not grow its database forever: sweep hourly, in-process.
            properties.put(CoreSettings.CLEAR_EXPIRED_INTERVAL.key(), CLEAR_EXPIRED_INTERVAL);
        }
        if (configFile == null && declared(DB_URL_KEY)) {
            // Absolute, so the database does not move with the working directory of a later run.
            Path database = dataDir.toAbsolutePath().normalize().resolve("sessions");
            properties.put(DB_URL_KEY, "jdbc:h2:file:" + database);
            if (!environment.containsKey(envName(DB_URL_KEY))) {
                mkdirs(dataDir);
            }
        }
        if (!secretGiven(properties, environment)) {
            DemoSecret secret = DemoSecret.loadOrCreate(dataDir);
            properties.put(CoreSettings.SECRET_KEY.key(), secret.value());
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
        }
        return SessionSettings.from(properties, environment);
    }

    private static boolean secretGiven(Map<String, String> properties, Map<String, String> environment) {
        String inFile = properties.get(CoreSettings.SECRET_KEY.key());
        String inEnv = environment.get(CoreSettings.SECRET_KEY.environmentVariable());
        return (inFile != null && !inFile.isBlank()) || (inEnv != null && !inEnv.isBlank());
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

    private static String envName(String key) {
        return key.toUpperCase(java.util.Locale.ROOT).replace('.', '_');
    }

    private static void mkdirs(Path dataDir) {
        try {
            DemoSecret.createOwnerOnlyDirectory(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data directory " + dataDir.toAbsolutePath(), e);
        }
    }

    private static Map<String, String> read(Path file) {
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new SessionConfigurationException("Cannot read settings file " + file.toAbsolutePath() + ": " + e, e);
        }
        Map<String, String> map = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> map.put(name, props.getProperty(name)));
        return map;
    }
}

package io.sessions4j.engine.file;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.PrivateDirectory;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.spi.SessionEngineProvider;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.Setting;
import io.sessions4j.api.StorageSessionEngine;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Engine {@code file} (Django's {@code django.contrib.sessions.backends.file}): one file per
 * session in {@code sessions.file.path}, see {@link FileSessionStorage}.
 */
public final class FileEngineProvider implements SessionEngineProvider {
    /** The name in {@code sessions.engine}. */
    public static final String NAME = "file";

    /**
     * Django's {@code SESSION_FILE_PATH}. Unset means {@code <java.io.tmpdir>/sessions4j-<user name>},
     * created with mode {@code 0700}: never the shared temporary directory itself, where any local
     * user could list the file names, which are session keys.
     */
    public static final Setting<String> PATH = Setting.text("sessions.file.path", null,
            "Directory of the session files (file engine); it must exist, be writable and be private to this user "
                    + "(no read or write for group or others). Unset means <java.io.tmpdir>/sessions4j-<user>, "
                    + "created with mode 0700");
    /** Largest session file read or written; a planted larger file is refused without being read. */
    public static final Setting<Integer> MAX_BYTES = Setting.integer("sessions.file.max_bytes",
            (int) FileOptions.DEFAULTS.maxFileBytes(), 1024, Integer.MAX_VALUE,
            "File engine: largest session file in bytes; larger sessions are refused on save, larger files "
                    + "are not read");
    /** Bound on waiting for a session lock that another process holds. */
    public static final Setting<Integer> LOCK_TIMEOUT = Setting.integer("sessions.file.lock_timeout",
            (int) FileOptions.DEFAULTS.lockTimeout().toMillis(), 1, 600_000,
            "File engine: milliseconds a save waits for a session lock held by another process before failing");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(PATH, MAX_BYTES, LOCK_TIMEOUT);
    }

    /**
     * @throws io.sessions4j.api.SessionConfigurationException when the directory is missing, not a
     *     directory, not writable, or open to other users; the message names it and {@code sessions.file.path}
     */
    @Override
    public SessionEngine create(SessionContext context) {
        SessionSettings settings = context.settings();
        FileOptions options = new FileOptions(settings.get(MAX_BYTES), Duration.ofMillis(settings.get(LOCK_TIMEOUT)));
        FileSessionStorage storage = FileSessionStorage.open(directory(settings),
                settings.get(CoreSettings.COOKIE_NAME), context, options);
        return new StorageSessionEngine(NAME, context, storage);
    }

    /** The configured directory, or the private default (created with mode 0700 when missing) when unset. */
    static Path directory(SessionSettings settings) {
        String configured = settings.get(PATH);
        if (configured == null || configured.isBlank()) {
            return PrivateDirectory.create(defaultDirectory(), PATH.key());
        }
        try {
            return Path.of(configured);
        } catch (InvalidPathException e) {
            throw new SessionConfigurationException(
                    "Invalid value '" + configured + "' for " + PATH.key() + ": " + e.getReason());
        }
    }

    /** {@code <java.io.tmpdir>/sessions4j-<user name>}: one private directory per user, as tmux does. */
    static Path defaultDirectory() {
        String user = System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
        return Path.of(System.getProperty("java.io.tmpdir"), "sessions4j-" + user);
    }
}

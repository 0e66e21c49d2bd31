package io.sessions4j.engine.file;

import io.sessions4j.api.CoreSettings;
import io.sessions4j.api.SessionConfigurationException;
import io.sessions4j.api.SessionContext;
import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionEngineProvider;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.Setting;
import io.sessions4j.api.StorageSessionEngine;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Engine {@code file} (Django's {@code django.contrib.sessions.backends.file}): one file per
 * session in {@code sessions.file.path}, see {@link FileSessionStorage}.
 */
public final class FileEngineProvider implements SessionEngineProvider {
    /** The name in {@code sessions.engine}. */
    public static final String NAME = "file";

    /** Django's {@code SESSION_FILE_PATH}; unset means the system temporary directory. */
    public static final Setting<String> PATH = Setting.text("sessions.file.path", null,
            "Directory of the session files (file engine); it must exist and be writable. "
                    + "Unset means the system temporary directory (java.io.tmpdir)");

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Setting<?>> settings() {
        return List.of(PATH);
    }

    /**
     * @throws io.sessions4j.api.SessionConfigurationException when the directory is missing, not a
     *     directory or not writable; the message names it and {@code sessions.file.path}
     */
    @Override
    public SessionEngine create(SessionContext context) {
        SessionSettings settings = context.settings();
        FileSessionStorage storage = FileSessionStorage.open(directory(settings),
                settings.get(CoreSettings.COOKIE_NAME), context);
        return new StorageSessionEngine(NAME, context, storage);
    }

    /** The configured directory, or the system temporary directory when unset. */
    static Path directory(SessionSettings settings) {
        String configured = settings.get(PATH);
        String path = configured == null || configured.isBlank() ? System.getProperty("java.io.tmpdir") : configured;
        try {
            return Path.of(path);
        } catch (InvalidPathException e) {
            throw new SessionConfigurationException(
                    "Invalid value '" + path + "' for " + PATH.key() + ": " + e.getReason());
        }
    }
}

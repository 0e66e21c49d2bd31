package io.sessions4j.engine.file;

import io.sessions4j.api.SessionEngine;
import io.sessions4j.api.SessionSettings;
import io.sessions4j.api.StorageSessionEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Builds file engines for tests. */
final class FileEngines {
    static final String SECRET = "file-engine-test-secret-0123456789-abcdefghijklmnopqrstuvwxyz";

    private FileEngines() {
    }

    static SessionSettings settings(Path directory, Map<String, String> overrides) {
        Map<String, String> props = new HashMap<>();
        props.put("sessions.secret.key", SECRET);
        props.put("sessions.engine", FileEngineProvider.NAME);
        props.put("sessions.file.path", directory.toString());
        props.putAll(overrides);
        return SessionSettings.of(props);
    }

    static StorageSessionEngine engine(Path directory, Clock clock) {
        return engine(directory, clock, Map.of());
    }

    static StorageSessionEngine engine(Path directory, Clock clock, Map<String, String> overrides) {
        return (StorageSessionEngine) new FileEngineProvider().create(settings(directory, overrides), clock);
    }

    /** A new directory with mode 0700, as the engine requires (a plain createDirectory gives 0755). */
    static Path privateDirectory(Path path) throws IOException {
        return Files.createDirectory(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
    }

    static FileSessionStorage storage(SessionEngine engine) {
        return (FileSessionStorage) ((StorageSessionEngine) engine).storage();
    }
}

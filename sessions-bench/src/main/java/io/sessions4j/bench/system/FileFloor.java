package io.sessions4j.bench.system;

import io.sessions4j.bench.SessionPayload;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Plain files, one per session: READ reads the file; WRITE reads it, writes a temporary file and
 * moves it over the old one atomically (the least a crash-safe write does); CREATE writes a
 * temporary file and moves it into place. No lock, no timestamp, no encoding.
 */
final class FileFloor implements BenchSystem {
    private final Path directory;
    private final boolean shared;
    private final List<String> keys;

    FileFloor(int sessions) {
        Path runDirectory = Backends.runDirectory("file-floor");
        this.shared = runDirectory != null;
        this.directory = shared ? runDirectory : Backends.tempDirectory("file-floor");
        List<String> remembered = shared ? Backends.rememberedKeys(directory, sessions) : null;
        if (remembered != null) {
            this.keys = remembered;
        } else {
            this.keys = Backends.preload(sessions, i -> {
                String key = FloorData.newKey();
                replace(key, FloorData.json(SessionPayload.of(i)));
                return key;
            });
            if (shared) {
                Backends.rememberKeys(directory, keys);
            }
        }
    }

    @Override
    public Object read(String key) {
        try {
            return Files.readString(directory.resolve(key), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public Object write(String key) {
        Object data = read(key);
        replace(key, FloorData.CHANGED_DATA);
        return data;
    }

    @Override
    public Object create() {
        String key = FloorData.newKey();
        replace(key, FloorData.DATA);
        return key;
    }

    private void replace(String key, String data) {
        try {
            Path temp = directory.resolve(".tmp-" + key + "-" + Thread.currentThread().getId());
            Files.writeString(temp, data, StandardCharsets.UTF_8);
            Files.move(temp, directory.resolve(key), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public List<String> keys() {
        return keys;
    }

    @Override
    public void close() {
        if (!shared) {
            Backends.deleteDirectory(directory);
        }
    }
}

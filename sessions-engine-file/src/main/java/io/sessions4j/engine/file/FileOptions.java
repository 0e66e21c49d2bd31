package io.sessions4j.engine.file;

import java.time.Duration;
import java.util.Objects;

/**
 * The file engine's limits, read once from the settings.
 *
 * @param maxFileBytes largest session file read or written ({@code sessions.file.max_bytes}): a
 *                     larger file is refused as not a session, never read into memory
 * @param lockTimeout  longest wait for a session's lock held by another process
 *                     ({@code sessions.file.lock_timeout}); then the operation fails with a
 *                     {@link io.sessions4j.api.SessionStorageException}
 */
public record FileOptions(long maxFileBytes, Duration lockTimeout) {
    /** The defaults of {@code sessions.file.max_bytes} (8 MiB) and {@code sessions.file.lock_timeout} (10 s). */
    public static final FileOptions DEFAULTS = new FileOptions(8L << 20, Duration.ofSeconds(10));

    public FileOptions {
        Objects.requireNonNull(lockTimeout, "lockTimeout");
        if (maxFileBytes < 1 || lockTimeout.isNegative() || lockTimeout.isZero()) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }
}

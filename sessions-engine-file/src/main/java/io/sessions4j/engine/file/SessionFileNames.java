package io.sessions4j.engine.file;

import io.sessions4j.api.LogSafe;
import io.sessions4j.api.SessionKeys;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names in a session directory, shared with Django's file backend: a session is
 * {@code <cookie name><key>}; a write in progress is {@code <cookie name><key>_out_<random>} (the
 * {@code _out_} mark is Django's own, so leftovers of either library are recognised by one rule).
 * Every name is built only from a key that passed {@link SessionKeys#isValid} and is then checked
 * to resolve to a direct child of the directory.
 */
final class SessionFileNames {
    static final String TEMP_MARK = "_out_";

    private final Path directory;
    private final String prefix;

    /** @param directory the real (symlink-free, absolute) directory */
    SessionFileNames(Path directory, String prefix) {
        this.directory = directory;
        this.prefix = prefix;
    }

    /**
     * The file of a session, or empty when the key must not reach the file system. Keys are
     * checked here even though {@code SessionStore} already did: a storage must not trust its
     * caller with a path (Tomcat's CVE-2020-9484 was a path built from an unchecked id).
     */
    Optional<Path> sessionFile(String key) {
        if (!SessionKeys.isValid(key)) {
            return Optional.empty();
        }
        String name = prefix + key;
        Path file;
        try {
            file = directory.resolve(name).normalize();
        } catch (InvalidPathException e) {
            return Optional.empty(); // a cookie name this file system cannot spell
        }
        if (!directory.equals(file.getParent()) || !name.equals(file.getFileName().toString())) {
            return Optional.empty();
        }
        return Optional.of(file);
    }

    /** A fresh temporary name beside {@code sessionFile}, for a write that is moved into place. */
    Path tempFileFor(Path sessionFile) {
        String random = Long.toString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE, 36);
        return directory.resolve(sessionFile.getFileName().toString() + TEMP_MARK + random);
    }

    /** The session key a file name stands for, or null when it is not a session file of ours. */
    String keyOf(String fileName) {
        if (!fileName.startsWith(prefix)) {
            return null;
        }
        String key = fileName.substring(prefix.length());
        return SessionKeys.isValid(key) ? key : null;
    }

    /**
     * The session key of a temporary file of an unfinished write (this library's or Django's), or
     * null when the name is not one.
     */
    String tempKeyOf(String fileName) {
        if (!fileName.startsWith(prefix)) {
            return null;
        }
        int mark = fileName.indexOf(TEMP_MARK, prefix.length());
        if (mark < 0) {
            return null;
        }
        String key = fileName.substring(prefix.length(), mark);
        return SessionKeys.isValid(key) ? key : null;
    }

    /** What a file name shows in messages: the directory, the cookie name and the key as {@link LogSafe#key} shows it. */
    String redacted(Path file) {
        String name = file.getFileName().toString();
        String rest = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
        return directory.resolve((name.startsWith(prefix) ? prefix : "") + LogSafe.key(rest)).toString();
    }

    Path directory() {
        return directory;
    }

    String prefix() {
        return prefix;
    }
}

package io.sessions4j.engine.file;

import io.sessions4j.api.SessionKeys;
import io.sessions4j.api.SessionStorageException;
import io.sessions4j.api.users.PrincipalIndex;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The index by principal as a directory beside the session files:
 * {@code <sessions.file.path>/.sessions4j-principals-<cookie name>/<digest of principal>/<session key>}, one
 * empty file per indexed session. The principal is named by the URL-safe base64 of its SHA-256, so no
 * principal can reach outside the index; key file names are valid session keys only. The directory's
 * name does not start with the cookie name, so Django's file backend and {@code clearExpired} of either
 * library leave it alone. Shared by every process on the directory, like the sessions.
 */
final class FilePrincipalIndex implements PrincipalIndex {
    private final Path root;
    private final SessionFileNames names;

    FilePrincipalIndex(SessionFileNames names, String prefix) {
        this.names = names;
        this.root = names.directory().resolve(".sessions4j-principals-" + prefix);
    }

    @Override
    public void add(String principal, String key, Instant expiry) {
        Path file = entry(principal, key);
        try {
            Files.createDirectories(file.getParent());
            Files.createFile(file);
        } catch (FileAlreadyExistsException e) {
            // already indexed
        } catch (IOException e) {
            throw failure("indexing a session by user in", e);
        }
    }

    @Override
    public void remove(String principal, String key) {
        Path file = entry(principal, key);
        try {
            Files.deleteIfExists(file);
            Files.deleteIfExists(file.getParent());
        } catch (DirectoryNotEmptyException e) {
            // other sessions of this principal remain
        } catch (IOException e) {
            throw failure("removing a session from the index by user in", e);
        }
    }

    @Override
    public Set<String> keys(String principal) {
        Set<String> keys = new LinkedHashSet<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root.resolve(digest(principal)))) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (SessionKeys.isValid(name)) {
                    keys.add(name);
                }
            }
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException e) {
            throw failure("reading the index by user in", e);
        }
        return keys;
    }

    /** Removes entries whose session file is gone (called by {@code clearExpired}, after it removed files). */
    @Override
    public long clearStale(Instant now) {
        long removed = 0;
        try (DirectoryStream<Path> principals = Files.newDirectoryStream(root)) {
            for (Path principal : principals) {
                try (DirectoryStream<Path> entries = Files.newDirectoryStream(principal)) {
                    for (Path entry : entries) {
                        String key = entry.getFileName().toString();
                        if (names.sessionFile(key).map(Files::notExists).orElse(true) && Files.deleteIfExists(entry)) {
                            removed++;
                        }
                    }
                }
                try {
                    Files.deleteIfExists(principal);
                } catch (DirectoryNotEmptyException e) {
                    // still holds live sessions
                }
            }
        } catch (NoSuchFileException e) {
            return removed;
        } catch (IOException e) {
            throw failure("clearing the index by user in", e);
        }
        return removed;
    }

    private Path entry(String principal, String key) {
        if (!SessionKeys.isValid(key)) {
            throw new IllegalArgumentException("not a session key");
        }
        return root.resolve(digest(principal)).resolve(key);
    }

    private static String digest(String principal) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(principal.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    private SessionStorageException failure(String operation, IOException e) {
        return new SessionStorageException("file engine: " + operation + " " + root + ": " + e.getMessage(), e);
    }
}

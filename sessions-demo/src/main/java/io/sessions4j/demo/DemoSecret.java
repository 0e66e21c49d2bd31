package io.sessions4j.demo;

import io.sessions4j.api.SessionConfigurationException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * The signing secret the demo makes for itself on first run, so that one command starts it: 48
 * bytes from {@link SecureRandom}, kept in {@code <data dir>/secret.key}, readable by its owner
 * only, and reused on later runs so sessions survive restarts.
 *
 * @param value   the secret
 * @param file    where it is kept
 * @param created whether this run generated it
 */
record DemoSecret(String value, Path file, boolean created) {
    static final String FILE_NAME = "secret.key";
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);

    /**
     * Reads the secret kept in {@code dataDir}, or generates and stores one.
     *
     * @throws SessionConfigurationException when the directory or file cannot be used
     */
    static DemoSecret loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return new DemoSecret(read(file), file, false);
            }
            createOwnerOnlyDirectory(dataDir);
            byte[] bytes = new byte[48];
            new SecureRandom().nextBytes(bytes);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
            // Written whole under a temporary name, then renamed: a concurrent start never reads half a secret.
            Path temp = posix(dataDir) ? Files.createTempFile(dataDir, ".secret", ".tmp", fileAttribute(OWNER_FILE))
                    : Files.createTempFile(dataDir, ".secret", ".tmp");
            try {
                Files.writeString(temp, secret + "\n", StandardCharsets.US_ASCII);
                restrictToOwner(temp);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
            return new DemoSecret(read(file), file, true);
        } catch (IOException e) {
            throw new SessionConfigurationException("Cannot keep the demo's secret key in " + file.toAbsolutePath()
                    + ": " + e + ". Choose another --data-dir, or set sessions.secret.key (SESSIONS_SECRET_KEY).", e);
        }
    }

    /** Whether group or others may read or write the file (POSIX file systems only). */
    boolean readableByOthers() {
        try {
            return posix(file) && Files.getPosixFilePermissions(file).stream().anyMatch(OTHERS::contains);
        } catch (IOException e) {
            return false;
        }
    }

    private static String read(Path file) throws IOException {
        String secret = Files.readString(file, StandardCharsets.US_ASCII).strip();
        if (secret.isEmpty()) {
            throw new SessionConfigurationException(file.toAbsolutePath() + " is empty: delete it to generate a new "
                    + "secret (existing sessions then become invalid), or set sessions.secret.key");
        }
        return secret;
    }

    /** Creates the data directory, owner-only, unless it exists. */
    static void createOwnerOnlyDirectory(Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            return;
        }
        if (dir.toAbsolutePath().getParent() != null) {
            Files.createDirectories(dir.toAbsolutePath().getParent());
        }
        try {
            if (posix(dir.toAbsolutePath().getParent())) {
                Files.createDirectory(dir, fileAttribute(OWNER_DIR));
            } else {
                Files.createDirectory(dir);
            }
        } catch (FileAlreadyExistsException e) {
            // created by a concurrent start
        }
    }

    private static void restrictToOwner(Path file) {
        if (!posix(file)) {
            // Best effort where POSIX permissions do not exist (Windows): drop everyone's, give back the owner's.
            java.io.File f = file.toFile();
            f.setReadable(false, false);
            f.setWritable(false, false);
            f.setReadable(true, true);
            f.setWritable(true, true);
        }
    }

    private static boolean posix(Path path) {
        return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static FileAttribute<Set<PosixFilePermission>> fileAttribute(Set<PosixFilePermission> permissions) {
        return PosixFilePermissions.asFileAttribute(permissions);
    }

    /** Never prints the secret. */
    @Override
    public String toString() {
        return "DemoSecret[file=" + file + ", created=" + created + "]";
    }
}

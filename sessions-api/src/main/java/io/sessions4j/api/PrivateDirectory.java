package io.sessions4j.api;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.EnumSet;
import java.util.Set;

/**
 * The rule for a directory that holds session keys or data (the file engine's directory, the
 * Ehcache disk tier): only this process's user may list it or change it. File names there carry
 * session keys, so a directory another local user can list hands them every session; one they can
 * write lets them plant files. Checked once, at start-up; the engine refuses to start otherwise.
 *
 * <p>Refused: group or others have read or write permission (mode {@code 1777} of {@code /tmp},
 * {@code 0755}, {@code 0770}…), or the directory belongs to another user. Search permission alone
 * ({@code 0711}) is accepted: it lists nothing. On file systems without POSIX permissions
 * (Windows) the check is skipped; protect the directory with its ACL.
 */
public final class PrivateDirectory {
    /** Owner-only permissions ({@code 0700}) for directories this library creates. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OPEN_TO_OTHERS = EnumSet.of(PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE);

    private PrivateDirectory() {
    }

    /**
     * Creates {@code directory} with mode {@code 0700} when it is missing (its parents with the
     * default mode), then {@link #check}s it.
     *
     * @param settingKey the setting that names the directory, for messages
     * @throws SessionConfigurationException when it cannot be created or fails the check
     */
    public static Path create(Path directory, String settingKey) {
        Path absolute = directory.toAbsolutePath();
        if (!Files.exists(absolute)) {
            try {
                Files.createDirectories(absolute.getParent());
                if (isPosix(absolute.getParent())) {
                    Files.createDirectory(absolute, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                    // The umask may have taken bits away, never added any; set exactly 0700 anyway.
                    Files.setPosixFilePermissions(absolute, OWNER_ONLY);
                } else {
                    Files.createDirectory(absolute);
                }
            } catch (IOException e) {
                if (!Files.isDirectory(absolute)) { // not a race with another process creating it
                    throw new SessionConfigurationException("Cannot create the directory " + absolute + " ("
                            + settingKey + "): " + e, e);
                }
            }
        }
        check(absolute, settingKey);
        return absolute;
    }

    /**
     * Refuses a directory that other users can list or write, or that another user owns.
     *
     * @throws SessionConfigurationException naming the directory, its mode and {@code settingKey}
     */
    public static void check(Path directory, String settingKey) {
        if (!Files.isDirectory(directory)) {
            throw new SessionConfigurationException("The path " + directory + " (" + settingKey + ") is not a directory");
        }
        if (!isPosix(directory)) {
            return;
        }
        PosixFileAttributes attributes;
        try {
            attributes = Files.readAttributes(directory, PosixFileAttributes.class);
        } catch (IOException e) {
            throw new SessionConfigurationException("Cannot read the permissions of " + directory + " (" + settingKey
                    + "): " + e, e);
        }
        Set<PosixFilePermission> open = EnumSet.copyOf(OPEN_TO_OTHERS);
        open.retainAll(attributes.permissions());
        if (!open.isEmpty()) {
            throw new SessionConfigurationException("The directory " + directory + " (" + settingKey + ") has mode "
                    + mode(attributes.permissions()) + ": other users can " + (canList(open) ? "list" : "write")
                    + " it, and its file names are session keys. Make it private (chmod 700 " + directory
                    + ") or set " + settingKey + " to a directory only this user can read.");
        }
        UserPrincipal me = currentUser();
        if (me != null && !me.equals(attributes.owner())) {
            throw new SessionConfigurationException("The directory " + directory + " (" + settingKey
                    + ") belongs to " + attributes.owner().getName() + ", not to " + me.getName()
                    + " who runs this application: its owner can read every session. Set " + settingKey
                    + " to a directory of this user.");
        }
    }

    /**
     * Gives everything under {@code directory} owner-only permissions: files {@code 0600}, directories
     * {@code 0700}. For files a library (Ehcache) created with the process's umask.
     *
     * @throws IOException when a permission cannot be changed
     */
    public static void restrictContents(Path directory) throws IOException {
        if (!isPosix(directory)) {
            return;
        }
        Set<PosixFilePermission> ownerFile = PosixFilePermissions.fromString("rw-------");
        try (var paths = Files.walk(directory)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                if (!Files.isSymbolicLink(p)) {
                    Files.setPosixFilePermissions(p, Files.isDirectory(p) ? OWNER_ONLY : ownerFile);
                }
            }
        }
    }

    /** {@code rwxr-xr-x (755)}. */
    public static String mode(Set<PosixFilePermission> permissions) {
        int octal = 0;
        for (PosixFilePermission p : permissions) {
            octal |= 1 << (8 - p.ordinal()); // the enum is declared in rwxrwxrwx order
        }
        return PosixFilePermissions.toString(permissions) + " (" + Integer.toOctalString(octal) + ")";
    }

    private static boolean canList(Set<PosixFilePermission> open) {
        return open.contains(PosixFilePermission.GROUP_READ) || open.contains(PosixFilePermission.OTHERS_READ);
    }

    private static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** The user this process runs as, or null when the platform cannot name it (then only the mode is checked). */
    private static UserPrincipal currentUser() {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService()
                    .lookupPrincipalByName(System.getProperty("user.name"));
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }
}

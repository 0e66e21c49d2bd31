package io.sessions4j.engine.file;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A directory a test can make read-only, or a small one that fills up.
 *
 * <p>Read-only: permissions are the obvious way, but they do not stop root, which is who runs
 * some CI machines; there the directory is made immutable ({@code chattr +i}) instead. (Remounting
 * a file system read-only is refused while the engine holds its lock file open for writing.)
 * Small: a size-limited tmpfs, which needs the right to mount. The factories return null when the
 * machine allows neither, and the test is skipped with {@link #unavailable}.
 */
final class FaultyDirectory implements AutoCloseable {
    private enum Mode { PERMISSIONS, IMMUTABLE, TMPFS }

    private final Path path;
    private final Mode mode;

    private FaultyDirectory(Path path, Mode mode) {
        this.path = path;
        this.mode = mode;
    }

    /** A writable directory under {@code parent} that {@link #readOnly()} can make read-only, or null. */
    static FaultyDirectory switchable(Path parent) throws IOException {
        Path dir = FileEngines.privateDirectory(parent.resolve("faulty"));
        if (stopsWrites(dir, Mode.PERMISSIONS)) {
            return new FaultyDirectory(dir, Mode.PERMISSIONS);
        }
        if (stopsWrites(dir, Mode.IMMUTABLE)) {
            return new FaultyDirectory(dir, Mode.IMMUTABLE);
        }
        return null;
    }

    /** A directory under {@code parent} that holds only {@code sizeBytes}, or null. */
    static FaultyDirectory small(Path parent, long sizeBytes) throws IOException {
        Path dir = Files.createDirectory(parent.resolve("small"));
        if (run("mount", "-t", "tmpfs", "-o", "size=" + sizeBytes + ",mode=0700", "tmpfs", dir.toString())) {
            return new FaultyDirectory(dir, Mode.TMPFS);
        }
        return null;
    }

    /** Why a test is skipped when a factory returned null. */
    static String unavailable(String what) {
        return "cannot simulate " + what + " on this machine: permissions do not stop this user (root), and "
                + "neither chattr +i nor mounting a tmpfs is permitted";
    }

    Path path() {
        return path;
    }

    void readOnly() throws IOException {
        switch (mode) {
            case PERMISSIONS -> Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("r-x------"));
            case IMMUTABLE -> check(run("chattr", "+i", path.toString()), "chattr +i");
            case TMPFS -> throw new UnsupportedOperationException("a tmpfs in use cannot be remounted read-only");
        }
    }

    void writable() throws IOException {
        switch (mode) {
            case PERMISSIONS -> Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
            case IMMUTABLE -> check(run("chattr", "-i", path.toString()), "chattr -i");
            case TMPFS -> { }
        }
    }

    @Override
    public void close() throws IOException {
        if (mode == Mode.TMPFS) {
            check(run("umount", path.toString()), "umount");
        } else {
            writable();
        }
    }

    private static boolean stopsWrites(Path dir, Mode mode) throws IOException {
        FaultyDirectory probe = new FaultyDirectory(dir, mode);
        try {
            if (mode == Mode.IMMUTABLE && !run("chattr", "+i", dir.toString())) {
                return false;
            } else if (mode == Mode.PERMISSIONS) {
                probe.readOnly();
            }
            Path file = dir.resolve("probe");
            try {
                Files.createFile(file);
                Files.delete(file);
                return false;
            } catch (IOException expected) {
                return true;
            }
        } finally {
            probe.writable();
        }
    }

    private static boolean run(String... command) throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(List.of(command)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            return false; // no such command
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running " + command[0], e);
        }
        return process.exitValue() == 0;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("Test set-up failed: " + what);
        }
    }
}

package io.sessions4j.engine.file;

import io.sessions4j.api.PrivateDirectory;
import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mutual exclusion between the writers of one session, in this JVM and in every other process
 * that uses the same directory.
 *
 * <p>One permanent lock file per directory ({@value #FILE_NAME}), never deleted, holds one byte
 * per stripe; a session's writers lock the byte of {@code hash(key) mod} {@value #STRIPES} with
 * {@link FileChannel#lock(long, long, boolean)}. Why not lock the session file itself: a write
 * replaces it by an atomic move, so a lock held on the old file would not exclude the next writer,
 * and deleting the session would have to race with lockers. Why not a lock file per session: it
 * doubles the files, and deleting it on logout lets a writer that waited on the deleted file
 * resurrect the session.
 *
 * <p>OS file locks belong to the process, and on POSIX closing <em>any</em> channel of a file
 * drops all of the process's locks on it, so each JVM keeps exactly one channel per lock file,
 * shared by every storage on that directory (a registry keyed by the real path), and only lockers
 * ever open it. Within the JVM, a {@link ReentrantLock} per stripe queues the threads first, so the
 * JVM never asks the OS for a range it already holds (that would be an
 * {@link OverlappingFileLockException}).
 *
 * <p>The channel is interruptible: an interrupt during an operation on it closes it for everyone,
 * so the caller's interrupt flag is set aside meanwhile. Locking is a non-blocking {@code tryLock},
 * repeated with short growing pauses while another process holds the stripe, up to the caller's
 * timeout: a lock file held forever by some other process fails saves after that bound instead of
 * blocking them (and nothing is left waiting behind them).
 *
 * <p>The lock file is opened without following links and must be a regular file owned by the
 * directory's owner (that is, this user: {@link io.sessions4j.api.PrivateDirectory}) that nobody
 * else may write; anything else is refused at start-up ({@link UnsafeLockFileException}).
 */
final class DirectoryLock {
    /** The lock file's name: hidden, and not starting with a cookie name, so Django ignores it. */
    static final String FILE_NAME = ".sessions4j.lock";
    /** Part of the on-disk protocol: every process sharing a directory must use the same count. */
    static final int STRIPES = 4096;
    /** Longest pause between two tries for a stripe another process holds. */
    private static final long MAX_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLock.class);
    private static final Map<Path, DirectoryLock> OPEN = new HashMap<>();

    private final Path directory;
    private final Path lockFile;
    private final FileAttribute<?>[] fileAttributes;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private FileChannel channel; // guarded by this
    private int users; // guarded by OPEN

    private DirectoryLock(Path directory, FileAttribute<?>[] fileAttributes) throws IOException {
        this.directory = directory;
        this.lockFile = directory.resolve(FILE_NAME);
        this.fileAttributes = fileAttributes;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        channel();
    }

    /**
     * The lock of a directory, shared by every storage of this JVM on it; {@link #release()} it
     * when done.
     *
     * @param directory the real path of the directory (so that two spellings share one lock)
     */
    static DirectoryLock acquire(Path directory, FileAttribute<?>... fileAttributes) throws IOException {
        synchronized (OPEN) {
            DirectoryLock lock = OPEN.get(directory);
            if (lock == null) {
                lock = new DirectoryLock(directory, fileAttributes);
                OPEN.put(directory, lock);
            }
            lock.users++;
            return lock;
        }
    }

    /** Gives back one {@link #acquire}; the last one closes the lock file. */
    void release() {
        synchronized (OPEN) {
            if (--users > 0) {
                return;
            }
            OPEN.remove(directory);
        }
        synchronized (this) {
            closeQuietly(channel);
            channel = null;
        }
    }

    /**
     * Waits until this thread is the only writer of {@code key} among all processes on the directory.
     *
     * @param timeout the longest wait, in this JVM and for other processes together
     * @throws LockTimeoutException when the lock was not had within {@code timeout}
     */
    Held lock(String key, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int stripe = Math.floorMod(key.hashCode(), STRIPES);
        ReentrantLock local = stripes[stripe];
        boolean interrupted = Thread.interrupted();
        try {
            while (true) {
                try {
                    if (local.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                        break;
                    }
                    throw new LockTimeoutException(timeout);
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: the caller's request still wants its session saved
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            return new Held(local, lockStripe(stripe, deadline, timeout));
        } catch (IOException | RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
    }

    private FileLock lockStripe(int stripe, long deadline, Duration timeout) throws IOException {
        boolean interrupted = Thread.interrupted(); // an interrupt flag would close the shared channel
        try {
            long pause = TimeUnit.MICROSECONDS.toNanos(200);
            for (int closedRetries = 0; ; ) {
                FileChannel ch = channel();
                try {
                    FileLock lock = ch.tryLock(stripe, 1, false);
                    if (lock != null) {
                        return lock;
                    }
                    // Another process holds it.
                } catch (OverlappingFileLockException e) {
                    // Another copy of this library (another class loader) in this JVM holds it: the
                    // JVM-wide lock table already tells us to wait.
                } catch (ClosedChannelException e) {
                    if (++closedRetries >= 3 || isReleased()) {
                        throw e;
                    }
                    continue; // channel() reopens it
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new LockTimeoutException(timeout);
                }
                // A random pause, growing, so that two processes stepping back do not meet again in step.
                LockSupport.parkNanos(Math.min(left, ThreadLocalRandom.current().nextLong(pause / 2, pause + 1)));
                interrupted |= Thread.interrupted();
                pause = Math.min(pause * 2, MAX_PAUSE_NANOS);
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private synchronized FileChannel channel() throws IOException {
        if (channel == null || !channel.isOpen()) {
            if (channel != null) {
                // Only an interrupt in the microseconds of a tryLock/release can do this; the OS then
                // dropped every lock this JVM held on the file.
                LOG.warn("Lock file {} was closed by a thread interrupt; reopening it. Writers of this "
                        + "directory in other processes were not excluded for a moment.", lockFile);
            }
            if (Files.isSymbolicLink(lockFile)) {
                throw new UnsafeLockFileException("The lock file " + lockFile + " is a symbolic link");
            }
            Set<OpenOption> options = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            FileChannel opened = FileChannel.open(lockFile, options, fileAttributes);
            try {
                checkLockFile();
            } catch (IOException | RuntimeException e) {
                closeQuietly(opened);
                throw e;
            }
            channel = opened;
        }
        return channel;
    }

    /**
     * Refuses a lock file that is not a regular file, belongs to someone other than the directory's
     * owner, or that group or others may write: whoever can take its locks can stall every save.
     */
    private void checkLockFile() throws IOException {
        if (!lockFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        PosixFileAttributes file = Files.readAttributes(lockFile, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        PosixFileAttributes dir = Files.readAttributes(directory, PosixFileAttributes.class);
        if (!file.isRegularFile()) {
            throw new UnsafeLockFileException("The lock file " + lockFile + " is not a regular file");
        }
        if (!file.owner().equals(dir.owner())) {
            throw new UnsafeLockFileException("The lock file " + lockFile + " belongs to " + file.owner().getName()
                    + ", not to the directory's owner " + dir.owner().getName());
        }
        Set<PosixFilePermission> permissions = file.permissions();
        if (permissions.contains(PosixFilePermission.GROUP_WRITE) || permissions.contains(PosixFilePermission.OTHERS_WRITE)) {
            throw new UnsafeLockFileException("The lock file " + lockFile + " has mode "
                    + PrivateDirectory.mode(permissions) + ": other users can write it");
        }
    }

    /** The lock file is not one this engine may trust. */
    static final class UnsafeLockFileException extends IOException {
        private static final long serialVersionUID = 1L;

        UnsafeLockFileException(String message) {
            super(message);
        }
    }

    /** Another process held a session's lock longer than the timeout. */
    static final class LockTimeoutException extends IOException {
        private static final long serialVersionUID = 1L;

        LockTimeoutException(Duration timeout) {
            super("the session's lock was held by another process for more than " + timeout.toMillis()
                    + " ms (sessions.file.lock_timeout)");
        }
    }

    private boolean isReleased() {
        synchronized (OPEN) {
            return users == 0;
        }
    }

    Path lockFile() {
        return lockFile;
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch != null) {
            try {
                ch.close();
            } catch (IOException e) {
                LOG.debug("Closing a lock file failed", e);
            }
        }
    }

    /** A held session lock; closing releases the OS lock, then the in-JVM one. */
    static final class Held implements AutoCloseable {
        private final ReentrantLock local;
        private final FileLock fileLock;

        private Held(ReentrantLock local, FileLock fileLock) {
            this.local = local;
            this.fileLock = fileLock;
        }

        @Override
        public void close() {
            boolean interrupted = Thread.interrupted();
            try {
                fileLock.release();
            } catch (ClosedChannelException e) {
                // the channel was closed, which already released the lock
            } catch (IOException e) {
                LOG.warn("Releasing a session file lock failed: {}", e.toString());
            } finally {
                local.unlock();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }
}

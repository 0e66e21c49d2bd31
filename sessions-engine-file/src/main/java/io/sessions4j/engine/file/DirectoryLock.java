package io.sessions4j.engine.file;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadLocalRandom;
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
 * <p>The channel is interruptible: an interrupt during an operation on it closes it for everyone.
 * The uncontended path is one non-blocking {@code tryLock} with the caller's interrupt flag set
 * aside; a wait for another process happens on a private daemon thread that nobody interrupts.
 */
final class DirectoryLock {
    /** The lock file's name: hidden, and not starting with a cookie name, so Django ignores it. */
    static final String FILE_NAME = ".sessions4j.lock";
    /** Part of the on-disk protocol: every process sharing a directory must use the same count. */
    static final int STRIPES = 4096;
    /** Kernel deadlock reports ridden out before giving up (each costs a pause of at most 2 ms). */
    private static final int MAX_DEADLOCK_RETRIES = 10_000;

    private static final Logger LOG = LoggerFactory.getLogger(DirectoryLock.class);
    private static final Map<Path, DirectoryLock> OPEN = new HashMap<>();

    private final Path directory;
    private final Path lockFile;
    private final FileAttribute<?>[] fileAttributes;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];
    private final ExecutorService waiters;
    private FileChannel channel; // guarded by this
    private int users; // guarded by OPEN

    private DirectoryLock(Path directory, FileAttribute<?>[] fileAttributes) throws IOException {
        this.directory = directory;
        this.lockFile = directory.resolve(FILE_NAME);
        this.fileAttributes = fileAttributes;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
        this.waiters = Executors.newCachedThreadPool(task -> {
            Thread t = new Thread(task, "sessions4j-file-lock-wait");
            t.setDaemon(true);
            return t;
        });
        try {
            channel();
        } catch (IOException e) {
            waiters.shutdown();
            throw e;
        }
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
        waiters.shutdownNow(); // a waiter still blocked fails with AsynchronousCloseException below
        synchronized (this) {
            closeQuietly(channel);
            channel = null;
        }
    }

    /** Blocks until this thread is the only writer of {@code key} among all processes on the directory. */
    Held lock(String key) throws IOException {
        int stripe = Math.floorMod(key.hashCode(), STRIPES);
        ReentrantLock local = stripes[stripe];
        local.lock();
        try {
            return new Held(local, lockStripe(stripe));
        } catch (IOException | RuntimeException | Error e) {
            local.unlock();
            throw e;
        }
    }

    private FileLock lockStripe(int stripe) throws IOException {
        boolean interrupted = Thread.interrupted(); // an interrupt flag would close the shared channel
        try {
            for (int attempt = 1; ; attempt++) {
                FileChannel ch = channel();
                try {
                    FileLock lock = ch.tryLock(stripe, 1, false);
                    return lock != null ? lock : waitFor(ch, stripe);
                } catch (OverlappingFileLockException e) {
                    // Another copy of this library (another class loader) in this JVM holds it: the
                    // JVM-wide lock table already tells us to wait, so poll politely.
                    pause();
                } catch (ClosedChannelException e) {
                    if (attempt >= 3 || isReleased()) {
                        throw e;
                    }
                    // channel() reopens it on the next round
                } catch (IOException e) {
                    // EDEADLK: this process holds another stripe (for another thread) that the holder
                    // of ours waits for. POSIX locks belong to processes, so the kernel sees a cycle
                    // that is not one: our other thread is not waiting. Step back and try again.
                    if (!isFalseDeadlock(e) || attempt >= MAX_DEADLOCK_RETRIES) {
                        throw e;
                    }
                    pause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static boolean isFalseDeadlock(IOException e) {
        String message = e.getMessage();
        return message != null && message.toLowerCase(Locale.ROOT).contains("deadlock");
    }

    /** A short random pause, so that two processes stepping back do not meet again in step. */
    private static void pause() {
        LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(200_000, 2_000_000));
    }

    /** Another process holds the stripe: wait on a thread of ours, which nobody interrupts. */
    private FileLock waitFor(FileChannel ch, int stripe) throws IOException {
        Future<FileLock> pending;
        try {
            pending = waiters.submit(() -> ch.lock(stripe, 1, false));
        } catch (RejectedExecutionException e) {
            throw new ClosedChannelException();
        }
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return pending.get();
                } catch (InterruptedException e) {
                    interrupted = true; // keep waiting: giving up would leave the OS lock to nobody
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof IOException io) {
                        throw io;
                    }
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new IOException(cause);
                }
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
            channel = FileChannel.open(lockFile, EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE), fileAttributes);
        }
        return channel;
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
